namespace QSan.Quantum.Bridge;

/// <summary>
/// The first and last lines of a process's output, kept for error messages (thread-safe). Both ends matter: npm
/// states the cause first and then prints a long usage text; Node prints the error first and the stack after.
/// </summary>
internal sealed class TextTail(int headLines = 12, int tailLines = 28)
{
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private int _dropped;

    public void Add(string? line)
    {
        if (line is null) return;
        if (line.Length > 2000) line = line[..2000] + "…";
        lock (_gate)
        {
            if (_head.Count < headLines)
            {
                _head.Add(line);
                return;
            }
            _tail.Enqueue(line);
            if (_tail.Count > tailLines)
            {
                _tail.Dequeue();
                _dropped++;
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            var lines = _dropped == 0 ? _head.Concat(_tail) : _head.Append($"… ({_dropped} lines left out)").Concat(_tail);
            return string.Join(Environment.NewLine, lines);
        }
    }
}
