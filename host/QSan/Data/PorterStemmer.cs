namespace QSan.Data;

/// <summary>
/// Porter's (1980) suffix-stripping stemmer for English, as in his reference C implementation (with its two departures
/// from the paper: "bli" → "ble" and "logi" → "log"). "loved", "loving" and "loves" become "love", so a small corpus
/// learns one embedding where it would otherwise learn three sparse ones.
/// </summary>
public static class PorterStemmer
{
    /// <summary>
    /// The stem of <paramref name="word"/>. Only lower-case ASCII words longer than two letters are stemmed; anything
    /// else (digits, apostrophes, other scripts) is returned unchanged.
    /// </summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2) return word;
        foreach (var c in word)
            if (c is < 'a' or > 'z') return word;
        var stemmer = new Run(word);
        stemmer.Step1ab();
        if (stemmer.K > 0)
        {
            stemmer.Step1c();
            stemmer.Step2();
            stemmer.Step3();
            stemmer.Step4();
            stemmer.Step5();
        }
        return stemmer.Result;
    }

    /// <summary>One word being stemmed: the buffer <c>b[0..k]</c> and the end <c>j</c> of the stem before a matched suffix.</summary>
    private sealed class Run(string word)
    {
        private readonly char[] b = word.ToCharArray();
        private int k = word.Length - 1;
        private int j;

        public int K => k;

        public string Result => new(b, 0, k + 1);

        private bool IsConsonant(int i) => b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>The measure m of b[0..j]: the number of vowel-consonant sequences, [C](VC)^m[V].</summary>
        private int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > j) return n;
                if (!IsConsonant(i)) break;
                i++;
            }
            i++;
            while (true)
            {
                while (true)
                {
                    if (i > j) return n;
                    if (IsConsonant(i)) break;
                    i++;
                }
                i++;
                n++;
                while (true)
                {
                    if (i > j) return n;
                    if (!IsConsonant(i)) break;
                    i++;
                }
                i++;
            }
        }

        private bool VowelInStem()
        {
            for (var i = 0; i <= j; i++)
                if (!IsConsonant(i)) return true;
            return false;
        }

        private bool DoubleConsonant(int i) => i >= 1 && b[i] == b[i - 1] && IsConsonant(i);

        /// <summary>Consonant-vowel-consonant ending at i, the last not w, x or y ("hop", not "snow").</summary>
        private bool Cvc(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > k + 1 || suffix[^1] != b[k]) return false;
            for (var i = 0; i < length; i++)
                if (b[k - length + 1 + i] != suffix[i]) return false;
            j = k - length;
            return true;
        }

        private void SetTo(string replacement)
        {
            for (var i = 0; i < replacement.Length; i++) b[j + 1 + i] = replacement[i];
            k = j + replacement.Length;
        }

        /// <summary>Plurals and -ed/-ing: caresses → caress, ponies → poni, agreed → agree, hopping → hop, filing → file.</summary>
        public void Step1ab()
        {
            if (b[k] == 's')
            {
                if (Ends("sses")) k -= 2;
                else if (Ends("ies")) SetTo("i");
                else if (b[k - 1] != 's') k--;
            }
            if (Ends("eed"))
            {
                if (Measure() > 0) k--;
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                k = j;
                if (Ends("at")) SetTo("ate");
                else if (Ends("bl")) SetTo("ble");
                else if (Ends("iz")) SetTo("ize");
                else if (DoubleConsonant(k))
                {
                    k--;
                    if (b[k] is 'l' or 's' or 'z') k++;
                }
                else if (Measure() == 1 && Cvc(k))
                {
                    SetTo("e");
                }
            }
        }

        /// <summary>Terminal y → i when the stem has a vowel: happy → happi.</summary>
        public void Step1c()
        {
            if (Ends("y") && VowelInStem()) b[k] = 'i';
        }

        /// <summary>Double suffixes to single ones when m &gt; 0: relational → relate, digitizer → digitize.</summary>
        public void Step2()
        {
            if (k < 1) return;
            switch (b[k - 1])
            {
                case 'a': Replace(("ational", "ate"), ("tional", "tion")); break;
                case 'c': Replace(("enci", "ence"), ("anci", "ance")); break;
                case 'e': Replace(("izer", "ize")); break;
                case 'l': Replace(("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous")); break;
                case 'o': Replace(("ization", "ize"), ("ation", "ate"), ("ator", "ate")); break;
                case 's': Replace(("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous")); break;
                case 't': Replace(("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")); break;
                case 'g': Replace(("logi", "log")); break;
            }
        }

        /// <summary>-ic-, -full, -ness and similar when m &gt; 0: electrical → electric, goodness → good.</summary>
        public void Step3()
        {
            switch (b[k])
            {
                case 'e': Replace(("icate", "ic"), ("ative", ""), ("alize", "al")); break;
                case 'i': Replace(("iciti", "ic")); break;
                case 'l': Replace(("ical", "ic"), ("ful", "")); break;
                case 's': Replace(("ness", "")); break;
            }
        }

        /// <summary>Removes -ant, -ence, -ment, … when m &gt; 1: adjustment → adjust.</summary>
        public void Step4()
        {
            if (k < 1) return;
            var matched = b[k - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && j >= 0 && b[j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && Measure() > 1) k = j;
        }

        /// <summary>A final -e when m &gt; 1 (or m = 1 and not *o), and -ll → -l when m &gt; 1: probate → probat, controll → control.</summary>
        public void Step5()
        {
            j = k;
            if (b[k] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !Cvc(k - 1))) k--;
            }
            if (b[k] == 'l' && DoubleConsonant(k) && Measure() > 1) k--;
        }

        /// <summary>The first suffix that matches is replaced (if the stem's measure allows); later ones are not tried.</summary>
        private void Replace(params (string Suffix, string Replacement)[] rules)
        {
            foreach (var (suffix, replacement) in rules)
            {
                if (!Ends(suffix)) continue;
                if (Measure() > 0) SetTo(replacement);
                return;
            }
        }
    }
}
