namespace QSan.Quantum.Bridge;

/// <summary>The bridge did not answer in time; its process was killed and the next call starts a new one.</summary>
public sealed class BridgeTimeoutException : QSharpBridgeException
{
    /// <summary>Creates the exception for the command that timed out.</summary>
    public BridgeTimeoutException(string command, TimeSpan timeout)
        : base($"The Q# bridge did not answer the '{command}' call within {timeout.TotalSeconds:0.###} s; its Node process was killed " +
               "and the next call starts a new one. Give the call a longer timeout if the program is expected to run this long.")
    {
        Command = command;
        Timeout = timeout;
    }

    /// <summary>The protocol command that timed out.</summary>
    public string Command { get; }

    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}
