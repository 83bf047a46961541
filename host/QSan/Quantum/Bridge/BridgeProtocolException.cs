namespace QSan.Quantum.Bridge;

/// <summary>
/// The bridge rejected a request or failed in an unexpected way (kind <c>protocol</c> or <c>internal</c>):
/// a bug in the host or the bridge rather than in the Q# program.
/// </summary>
public sealed class BridgeProtocolException : QSharpBridgeException
{
    /// <summary>Creates the exception with the error kind the bridge reported.</summary>
    public BridgeProtocolException(string kind, string message) : base(message) => Kind = kind;

    /// <summary>The error kind the bridge reported, e.g. <c>protocol</c> or <c>internal</c>.</summary>
    public string Kind { get; }
}
