using QSan.Tests.Data;
using QSan.Torch;
using TorchSharp;

namespace QSan.Tests.Torch;

/// <summary>TorchSharp loads and computes in the test process, and <see cref="TorchRuntime"/> loads the build's native library or says what is wrong.</summary>
[Collection(LibTorchCollection.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void TorchSharp_runs_a_backward_pass_in_the_test_process()
    {
        TorchRuntime.EnsureLoaded();
        TorchRuntime.EnsureLoaded();
        using var x = torch.tensor(new[] { 1.5, -2.0 }, requires_grad: true);
        using var y = (x * x * x).sum();
        y.backward();
        // d/dx Σ x³ = 3x².
        Assert.Equal(new[] { 6.75, 12.0 }, x.grad!.data<double>().ToArray());
    }

    [Fact]
    public void Loading_turns_off_background_garbage_collection()
    {
        TorchRuntime.EnsureLoaded();

        Assert.Equal(System.Runtime.GCLatencyMode.Batch, System.Runtime.GCSettings.LatencyMode);
    }

    [Fact]
    public void The_runtime_loads_the_glue_library_of_the_build_output()
    {
        Assert.Equal(TorchSharpFiles.OutputGlueLibrary, TorchRuntime.LoadGlueLibrary([AppContext.BaseDirectory]));
    }

    [Fact]
    public void A_missing_glue_library_is_reported_with_where_it_was_looked_for_and_what_to_build()
    {
        using var scratch = new TemporaryDirectory();
        var error = Assert.Throws<TorchRuntimeException>(() => TorchRuntime.LoadGlueLibrary([scratch.Path]));
        Assert.Contains(Path.Combine(scratch.Path, "runtimes", "linux-x64", "native", TorchRuntime.GlueLibrary), error.Message);
        Assert.Contains(Path.Combine(scratch.Path, TorchRuntime.GlueLibrary), error.Message);
        Assert.Contains("dotnet build host/QSan.Torch", error.Message);
    }

    [Fact]
    public void A_glue_library_that_does_not_load_is_reported_with_the_loaders_message()
    {
        using var scratch = new TemporaryDirectory();
        var broken = scratch.Write(TorchRuntime.GlueLibrary, "not an ELF file");
        var error = Assert.Throws<TorchRuntimeException>(() => TorchRuntime.LoadGlueLibrary([scratch.Path]));
        Assert.StartsWith($"{broken} did not load: ", error.Message);
        Assert.Contains("dotnet build host/QSan.Torch", error.Message);
        Assert.IsType<DllNotFoundException>(error.InnerException);
    }
}
