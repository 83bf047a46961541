using QSan.Quantum.Bridge;

namespace QSan.Tests.Quantum.Bridge;

/// <summary>One bridge process shared by the tests of the <see cref="QSharpBridgeCollection"/> (starting one costs ~0.5 s).</summary>
public sealed class QSharpBridgeFixture : IDisposable
{
    public QSharpBridge Bridge { get; } = QSharpBridge.Start();

    public void Dispose() => Bridge.Dispose();
}
