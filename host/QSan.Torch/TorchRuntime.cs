namespace QSan.Torch;

/// <summary>Placeholder until the loader lands (helper branch elf-patch replaces this file).</summary>
public static class TorchRuntime
{
    /// <summary>Nothing yet.</summary>
    public static void EnsureLoaded() { }
}
