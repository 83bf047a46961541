using Xunit;

namespace QSan.Tests.Quantum.Bridge;

/// <summary>Tests sharing one <see cref="QSharpBridgeFixture"/>; they run one after another, as the bridge serializes calls anyway.</summary>
[CollectionDefinition(Name)]
public sealed class QSharpBridgeCollection : ICollectionFixture<QSharpBridgeFixture>
{
    public const string Name = "QSharpBridge";
}
