namespace QSan.Benchmarks;

/// <summary>
/// A named training recipe of the paper benchmark, written as <c>train</c> options so that any of its runs can be
/// repeated by hand: <c>train --dataset yelp --seed 3 &lt;Arguments&gt;</c>.
/// </summary>
/// <param name="Name">Short name (<c>canonical</c>, <c>reg</c>, …), as <c>bench paper --variants</c> takes it.</param>
/// <param name="Description">What the recipe changes and why.</param>
/// <param name="Arguments">The <c>train</c> options it adds to the dataset, model and seed (empty: the defaults).</param>
/// <param name="QuantumOnly">The recipe changes only the circuits (qubits, depth), so CSANN would repeat another variant's runs.</param>
public sealed record PaperVariant(string Name, string Description, IReadOnlyList<string> Arguments, bool QuantumOnly = false)
{
    /// <summary>The options as one command-line fragment.</summary>
    public string CommandLine => string.Join(' ', Arguments);

    /// <summary>
    /// Parses <c>NAME=OPTIONS</c> (for example <c>fast=--lr 0.05 --epochs 10</c>): an ad-hoc variant for exploring.
    /// Options are split at white space; quoting is not supported (no option needs spaces in its value).
    /// </summary>
    public static PaperVariant Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0) throw new ArgumentException($"A custom variant is NAME=OPTIONS, for example 'fast=--lr 0.05'; got '{text}'.");
        var name = text[..equals].Trim();
        if (name.Length == 0 || name.Any(char.IsWhiteSpace)) throw new ArgumentException($"A variant name has no spaces; got '{name}'.");
        var arguments = text[(equals + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new PaperVariant(name, "custom: " + string.Join(' ', arguments), arguments);
    }
}
