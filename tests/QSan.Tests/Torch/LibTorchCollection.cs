using QSan.Tests.Quantum.Qsann;

namespace QSan.Tests.Torch;

/// <summary>
/// The tests that run LibTorch, alone after the others: TorchSharp 0.107 lets a collection free an implicitly made
/// Scalar while LibTorch reads it (see <c>TorchRuntime</c>), and tests on other threads allocate, so they trigger
/// collections at any moment. Run alone, the only allocating thread is the one inside the test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibTorchCollection : ICollectionFixture<QsannFixture>
{
    public const string Name = "LibTorch";
}
