using System.Runtime;
using System.Runtime.InteropServices;
using TorchSharp;

namespace QSan.Torch;

/// <summary>
/// Makes TorchSharp's native library load where TorchSharp alone does not find the right copy. A notebook that
/// <c>#r</c>s host/QSan.Torch's build output has no deps.json to point the runtime at
/// <c>runtimes/linux-x64/native/</c>: TorchSharp then looks for libLibTorchSharp.so beside TorchSharp.dll only, falls
/// back to copying the NuGet cache's unpatched files (half a gigabyte) into a <c>cpu/</c> folder there, and the loader
/// refuses them on systems whose libstdc++ lacks GLIBCXX_3.4.32. The build's copy has that need marked weak
/// (build/LibTorchSharpGlibcxx.targets); loading it by path first lets TorchSharp's own load find it by its soname,
/// together with LibTorch, which it pulls in from its own folder. Applications and tests, whose deps.json lists that
/// folder, load it without this; calling it anyway costs one field read after the first call.
/// <para>
/// It also turns off background garbage collection for the process (<see cref="GCLatencyMode.Batch"/>). TorchSharp
/// 0.107 passes a <see cref="Scalar"/>'s native handle to LibTorch without keeping the managed object alive, and a
/// Scalar made implicitly from a number (<c>t.add_(1e-8)</c>, <c>masked_fill(mask, double.NegativeInfinity)</c>, inside
/// torch.optim.Adam too) has a finalizer that frees it: a collection that runs while LibTorch is reading it lets the
/// finalizer free it mid-call ("Unknown scalar type", or a wrong value read). A background collection can start at any
/// moment; a blocking one only when some thread allocates, which a single training thread does not do inside a LibTorch
/// call. (TorchSharp pull requests 1434 and 1496, open, dispose such Scalars deterministically.)
/// </para>
/// </summary>
public static class TorchRuntime
{
    /// <summary>TorchSharp's glue library, which loads LibTorch (libtorch_cpu.so and the rest) from its own folder.</summary>
    public const string GlueLibrary = "libLibTorchSharp.so";

    private static readonly Lock Gate = new();
    private static volatile bool loaded;

    /// <summary>
    /// Loads the build's libLibTorchSharp.so (Linux; elsewhere TorchSharp's own loader is left to it), turns off background
    /// garbage collection (see the class) and initialises TorchSharp's CPU backend, once per process; thread-safe. Throws <see cref="TorchRuntimeException"/> naming the
    /// file and what to do when the library is missing or does not load.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (loaded) return;
        lock (Gate)
        {
            if (loaded) return;
            if (OperatingSystem.IsLinux()) LoadGlueLibrary(AssemblyFolders());
            GCSettings.LatencyMode = GCLatencyMode.Batch;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (TypeInitializationException e)
            {
                // The runtime never retries a failed type initializer: only a new process can load TorchSharp now.
                var cause = (e.InnerException ?? e).Message.Split('\n')[0];
                throw new TorchRuntimeException($"TorchSharp failed to initialise in this process ({cause}). If a torch call ran before "
                    + "TorchRuntime.EnsureLoaded(), restart the process or notebook kernel and call TorchRuntime.EnsureLoaded() first.", e);
            }
            loaded = true;
        }
    }

    /// <summary>
    /// Loads the first copy of the glue library found in <paramref name="folders"/>, each searched as a build output
    /// (<c>runtimes/linux-x64/native/</c>) and as a RID-specific build or publish (beside the assemblies); returns its path.
    /// </summary>
    internal static string LoadGlueLibrary(IReadOnlyList<string> folders)
    {
        var candidates = folders.SelectMany(f => new[] { Path.Combine(f, "runtimes", "linux-x64", "native", GlueLibrary), Path.Combine(f, GlueLibrary) }).ToList();
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new TorchRuntimeException($"TorchSharp's native library {GlueLibrary} is not at {string.Join(" or ", candidates)}. "
                + "Build host/QSan.Torch first (dotnet build host/QSan.Torch): its build copies the library there and adapts it to this system's libstdc++.");
        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new TorchRuntimeException($"{path} did not load: {e.Message} If that names GLIBCXX_3.4.32, this copy was not adapted to this "
                + "system's libstdc++: build or publish it again from this repository (for notebooks: dotnet build host/QSan.Torch), "
                + "whose build marks that version need weak.", e);
        }
        return path;
    }

    /// <summary>QSan.Torch's folder, then TorchSharp's if a host resolved TorchSharp.dll elsewhere (in a single-file app, the app's).</summary>
    private static IReadOnlyList<string> AssemblyFolders() =>
        new[] { typeof(TorchRuntime).Assembly.Location, typeof(torch).Assembly.Location }
            .Select(location => location.Length == 0 ? AppContext.BaseDirectory : Path.GetDirectoryName(location)!)
            .Distinct()
            .ToList();
}

/// <summary>TorchSharp's native library is missing or does not load; the message names the file and what to do.</summary>
public sealed class TorchRuntimeException : QSanException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The file, what went wrong and what to do.</param>
    /// <param name="innerException">The loader's error, or null.</param>
    public TorchRuntimeException(string message, Exception? innerException = null) : base(message, innerException) { }
}
