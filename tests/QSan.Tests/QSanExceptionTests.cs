using QSan.Azure.Results;
using QSan.Cli;
using QSan.Data;
using QSan.Quantum.Import;
using QSan.Training;

namespace QSan.Tests;

public sealed class QSanExceptionTests
{
    /// <summary>
    /// Exception types of the QSan assembly that are not <see cref="QSanException"/>s, each with the reason. A new type
    /// belongs here only if its message is not meant for users (a bug, a signal between parts of the library).
    /// </summary>
    private static readonly Dictionary<Type, string> NotQSanExceptions = new()
    {
        [typeof(CheckpointException)] = "meant for users, but still an IOException: its file lies in host/QSan/Training, which the change "
            + "that introduced QSanException did not touch; CliBoundary shows IOException messages alone",
    };

    private static IEnumerable<Type> ExceptionTypes() =>
        typeof(QSanException).Assembly.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t) && !t.IsAbstract);

    [Fact]
    public void Every_exception_type_of_the_library_derives_from_QSanException_unless_listed_with_a_reason()
    {
        var strays = ExceptionTypes()
            .Where(t => !typeof(QSanException).IsAssignableFrom(t) && !NotQSanExceptions.ContainsKey(t))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(strays.Count == 0,
            "These exception types would be shown with their type name: derive them from QSanException if users cause "
            + $"them, or list them in {nameof(NotQSanExceptions)} with the reason: {string.Join(", ", strays)}");
    }

    [Fact]
    public void The_list_of_exceptions_names_only_library_types_that_are_not_QSanExceptions()
    {
        var types = ExceptionTypes().ToHashSet();
        Assert.All(NotQSanExceptions.Keys, t =>
        {
            Assert.Contains(t, types);
            Assert.False(typeof(QSanException).IsAssignableFrom(t), $"{t.Name} is a QSanException now: drop it from the list.");
        });
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
