using System.Reflection;
using System.Text.RegularExpressions;

namespace QSan.Tests;

/// <summary>Test names read as sentences (DESIGN.md, C# style): words joined by underscores, the first one capitalised.</summary>
public sealed partial class TestNamingTests
{
    [Fact]
    public void Every_test_name_is_a_sentence_of_words_joined_by_underscores_starting_with_a_capital()
    {
        var offenders = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any() && !Sentence().IsMatch(m.Name))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();
        Assert.True(offenders.Count == 0, "Test names that are not sentences:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")]
    private static partial Regex Sentence();
}
