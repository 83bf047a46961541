using QSan.Azure.Results;
using QSan.Cli;
using QSan.Data;
using QSan.Quantum.Import;
using QSan.Training;

namespace QSan.Tests;

public sealed class QSanExceptionTests
{
    private static IEnumerable<Type> ExceptionTypes() =>
        typeof(QSanException).Assembly.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract);

    [Fact]
    public void Every_exception_type_of_the_library_derives_from_QSanException()
    {
        var strays = ExceptionTypes()
            .Where(t => !typeof(QSanException).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(strays.Count == 0,
            "These exception types would be shown with their type name: derive them from QSanException, whose message is "
            + $"complete and meant for people: {string.Join(", ", strays)}");
    }

    [Fact]
    public void The_command_line_shows_the_message_of_a_QSanException_alone()
    {
        Assert.Equal("Something the user can fix.", CliBoundary.Describe(new SampleError("Something the user can fix.")));
        Assert.Equal("train.txt:3: missing label.", CliBoundary.Describe(new DatasetFormatException("train.txt", 3, "missing label.")));
        Assert.Equal("Unsupported gate.", CliBoundary.Describe(new CircuitImportException("Unsupported gate.")));
        Assert.Equal("Not JSON.", CliBoundary.Describe(new AggregateException(new ResultFormatException("Not JSON."))));
        Assert.Equal("No checkpoint.", CliBoundary.Describe(new CheckpointException("No checkpoint.")));
    }

    [Fact]
    public void The_command_line_names_the_type_of_any_other_error()
        => Assert.Equal("Sequence contains no elements. (InvalidOperationException)",
            CliBoundary.Describe(new InvalidOperationException("Sequence contains no elements.")));

    private sealed class SampleError(string message) : QSanException(message);
}
