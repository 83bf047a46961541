namespace QSan.Data;

/// <summary>The line formats of the supported dataset files.</summary>
public enum DatasetFormat
{
    /// <summary>MC/RP (lambeq): <c>label w1 w2 ... .</c>, the label 0/1 first, then one or more spaces.</summary>
    LabelFirst,

    /// <summary>UCI sentiment: <c>sentence&lt;TAB&gt;label</c>; no quoting, so stray quotes are ordinary text.</summary>
    TabSeparated,
}
