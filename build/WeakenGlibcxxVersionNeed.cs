#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace QSan.Build;

/// <summary>
/// Marks the GLIBCXX_3.4.32 version need of the given copies of libLibTorchSharp.so weak when this system's libstdc++
/// lacks that version (see <see cref="GlibcxxVersionNeedPatcher"/>); does nothing elsewhere.
/// </summary>
public sealed class WeakenGlibcxxVersionNeed : Task
{
    /// <summary>The copies in build or publish folders.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = new ITaskItem[0];

    /// <summary>The NuGet package folder, never written to.</summary>
    public string NuGetPackageRoot { get; set; } = "";

    public override bool Execute()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || Files.Length == 0) return true;
        if (RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Log.LogMessage(MessageImportance.Low, $"An {RuntimeInformation.OSArchitecture} system does not load the x86-64 libLibTorchSharp.so: left as it is.");
            return true;
        }
        var libraries = SystemLibstdcxx.Locate();
        if (libraries.Count == 0)
        {
            Log.LogMessage(MessageImportance.High, $"No {GlibcxxVersionNeedPatcher.NeededLibrary} found (loader cache, {string.Join(", ", SystemLibstdcxx.DefaultDirectories)}): "
                + $"libLibTorchSharp.so's {GlibcxxVersionNeedPatcher.WeakenedVersion} need is left as it is.");
            return true;
        }
        Dictionary<string, IReadOnlyList<string>> defined;
        try
        {
            defined = libraries.ToDictionary(path => path, SystemLibstdcxx.DefinedVersions);
        }
        catch (Exception e) when (e is ElfCheckException || e is IOException || e is UnauthorizedAccessException)
        {
            Log.LogError(null, "QSAN0004", null, SystemLibstdcxx.LoaderCache, 0, 0, 0, 0,
                $"Cannot tell whether libLibTorchSharp.so's {GlibcxxVersionNeedPatcher.WeakenedVersion} need must be marked weak: reading {string.Join(", ", libraries)} failed: {e.Message}");
            return false;
        }
        var lacking = libraries.Where(path => !defined[path].Contains(GlibcxxVersionNeedPatcher.WeakenedVersion)).ToList();
        if (lacking.Count == 0)
        {
            Log.LogMessage(MessageImportance.Low, $"{string.Join(", ", libraries)} define {GlibcxxVersionNeedPatcher.WeakenedVersion}: libLibTorchSharp.so loads as it is.");
            return true;
        }

        foreach (var path in Files.Select(f => f.GetMetadata("FullPath")).Distinct())
        {
            try
            {
                var patch = GlibcxxVersionNeedPatcher.PatchFile(path, NuGetPackageRoot);
                Log.LogMessage(patch.Changed ? MessageImportance.Normal : MessageImportance.Low,
                    $"{path}: {GlibcxxVersionNeedPatcher.WeakenedVersion} need {(patch.Changed ? "marked" : "already")} weak (vna_flags at offset {patch.FlagsOffset}: "
                    + $"0x{patch.FlagsBefore:x4} -> 0x{patch.FlagsAfter:x4}) because {string.Join(", ", lacking)} lacks that version.");
                foreach (var library in libraries)
                {
                    var missing = patch.OtherStrongLibstdcxxVersions.Where(v => !defined[library].Contains(v)).ToList();
                    if (missing.Count > 0)
                        Log.LogWarning(null, "QSAN0005", null, path, 0, 0, 0, 0,
                            $"{path} also needs {string.Join(", ", missing)} of {GlibcxxVersionNeedPatcher.NeededLibrary}, which {library} does not define: TorchSharp will not load on this system.");
                }
            }
            catch (Exception e) when (e is ElfCheckException || e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogError(null, "QSAN0004", null, path, 0, 0, 0, 0,
                    $"Cannot mark libLibTorchSharp.so's {GlibcxxVersionNeedPatcher.WeakenedVersion} need weak, which this system needs ({string.Join(", ", lacking)} lacks that version): {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }
}
