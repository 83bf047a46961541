using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.Versioning;
using QSan.Build;
using QSan.Tests.Data;

namespace QSan.Tests.Torch;

/// <summary>
/// The build step that marks libLibTorchSharp.so's GLIBCXX_3.4.32 version need weak (build/GlibcxxVersionNeedPatcher.cs):
/// what it changes in the build's copy, what it leaves alone, and the errors for files that are not as it expects
/// (each made from the real library with one field changed).
/// </summary>
[Collection(LibTorchCollection.Name)]
public sealed class GlibcxxVersionNeedPatcherTests
{
    private const string FileName = "libLibTorchSharp.so";
    private static readonly Lazy<byte[]> Cached = new(() => File.ReadAllBytes(TorchSharpFiles.CachedGlueLibrary));

    [Fact]
    public void The_NuGet_cache_holds_the_library_exactly_as_its_package_ships_it()
    {
        using var package = ZipFile.OpenRead(TorchSharpFiles.Nupkg);
        using var entry = package.GetEntry(TorchSharpFiles.GlueLibraryInPackage)!.Open();
        using var shipped = new MemoryStream();
        entry.CopyTo(shipped);
        Assert.True(shipped.ToArray().AsSpan().SequenceEqual(Cached.Value),
            $"{TorchSharpFiles.CachedGlueLibrary} differs from the copy in {TorchSharpFiles.Nupkg}: something wrote to the NuGet cache.");
    }

    [Fact]
    public void The_build_output_differs_from_the_package_in_the_weak_flag_alone_where_this_system_needs_it()
    {
        var output = File.ReadAllBytes(TorchSharpFiles.OutputGlueLibrary);
        var patch = GlibcxxVersionNeedPatcher.Patch(Copy(), FileName);
        var differences = Enumerable.Range(0, output.Length).Where(i => output[i] != Cached.Value[i]).ToList();
        Assert.Equal(Cached.Value.Length, output.Length);
        if (SystemLibstdcxx.Locate().All(path => SystemLibstdcxx.DefinedVersions(path).Contains(GlibcxxVersionNeedPatcher.WeakenedVersion)))
        {
            Assert.Empty(differences);
            return;
        }
        Assert.Equal([patch.FlagsOffset], differences.Select(i => (long)i));
        Assert.Equal(GlibcxxVersionNeedPatcher.VerFlagWeak, output[patch.FlagsOffset] ^ Cached.Value[patch.FlagsOffset]);
        Assert.Equal(File.GetLastWriteTimeUtc(TorchSharpFiles.CachedGlueLibrary), File.GetLastWriteTimeUtc(TorchSharpFiles.OutputGlueLibrary));
    }

    [Fact]
    public void Patching_sets_the_weak_flag_of_the_GLIBCXX_3_4_32_need_and_nothing_more_a_second_time()
    {
        var bytes = Copy();
        var first = GlibcxxVersionNeedPatcher.Patch(bytes, FileName);
        Assert.True(first.Changed);
        Assert.Equal(0, first.FlagsBefore);
        Assert.Equal(GlibcxxVersionNeedPatcher.VerFlagWeak, first.FlagsAfter);
        Assert.Equal(GlibcxxVersionNeedPatcher.VerFlagWeak, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan((int)first.FlagsOffset)));
        var once = (byte[])bytes.Clone();

        var second = GlibcxxVersionNeedPatcher.Patch(bytes, FileName);
        Assert.False(second.Changed);
        Assert.Equal(first.FlagsOffset, second.FlagsOffset);
        Assert.Equal(once, bytes);
    }

    [Fact]
    public void The_libstdcxx_versions_still_needed_for_real_are_all_defined_by_this_systems_libstdcxx()
    {
        var patch = GlibcxxVersionNeedPatcher.Patch(Copy(), FileName);
        Assert.Contains("GLIBCXX_3.4.30", patch.OtherStrongLibstdcxxVersions);
        Assert.DoesNotContain(GlibcxxVersionNeedPatcher.WeakenedVersion, patch.OtherStrongLibstdcxxVersions);
        foreach (var library in SystemLibstdcxx.Locate())
            Assert.Empty(patch.OtherStrongLibstdcxxVersions.Except(SystemLibstdcxx.DefinedVersions(library)));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Patching_a_file_replaces_it_with_a_patched_copy_of_the_same_time_and_mode_and_leaves_a_linked_target_alone()
    {
        using var scratch = new TemporaryDirectory();
        var original = Path.Combine(scratch.Path, "original.so");
        File.WriteAllBytes(original, Cached.Value);
        File.SetUnixFileMode(original, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead);
        var modified = new DateTime(2026, 5, 7, 10, 3, 28, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(original, modified);
        var link = Path.Combine(scratch.Path, FileName);
        File.CreateSymbolicLink(link, original);

        var patch = GlibcxxVersionNeedPatcher.PatchFile(link, nuGetPackageRoot: null);

        Assert.True(patch.Changed);
        Assert.Equal(Cached.Value, File.ReadAllBytes(original));
        Assert.Null(new FileInfo(link).LinkTarget);
        var patched = File.ReadAllBytes(link);
        Assert.Equal(GlibcxxVersionNeedPatcher.VerFlagWeak, patched[patch.FlagsOffset]);
        Assert.Equal(modified, File.GetLastWriteTimeUtc(link));
        Assert.Equal(File.GetUnixFileMode(original), File.GetUnixFileMode(link));
        Assert.Equal(2, Directory.GetFiles(scratch.Path).Length);

        Assert.False(GlibcxxVersionNeedPatcher.PatchFile(link, nuGetPackageRoot: null).Changed);
        Assert.Equal(patched, File.ReadAllBytes(link));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(link));
    }

    [Fact]
    public void A_file_under_the_NuGet_package_folder_is_refused_and_left_as_it_is()
    {
        using var scratch = new TemporaryDirectory();
        var packaged = Path.Combine(scratch.Path, "torchsharp", FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(packaged)!);
        File.WriteAllBytes(packaged, Cached.Value);

        var error = Assert.Throws<ElfCheckException>(() => GlibcxxVersionNeedPatcher.PatchFile(packaged, scratch.Path + "/"));
        Assert.Contains(packaged, error.Message);
        Assert.Contains("NuGet package folder", error.Message);
        Assert.Equal(Cached.Value, File.ReadAllBytes(packaged));
        Assert.Throws<ElfCheckException>(() => GlibcxxVersionNeedPatcher.PatchFile(TorchSharpFiles.CachedGlueLibrary, TorchSharpFiles.NuGetPackageRoot));
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "truncated", "shorter than the 64-byte ELF64 header" },
        { "cut before the section headers", "section headers at offset" },
        { "wrong magic", "not an ELF file: it starts with [7E-45-4C-46]" },
        { "32-bit", "ELF class 1 (32-bit), expected 2 (ELF64)" },
        { "big-endian", "data encoding 2 (big-endian), expected 1 (little-endian)" },
        { "AArch64", "machine 183, expected 62 (x86-64)" },
        { "no .gnu.version_r", "0 sections of type 0x6ffffffe (.gnu.version_r)" },
        { "no libstdc++ need", "no version need on libstdc++.so.6" },
        { "no GLIBCXX_3.4.32 need", "0 version needs libstdc++.so.6 → GLIBCXX_3.4.32, expected exactly one" },
        { "another symbol under the version", "expected only the undefined _ZSt21ios_base_library_initv" },
        { "a relocation on the marker", "_ZSt21ios_base_library_initv is used by relocations (.rela.plt[0])" },
        { "other flags", "vna_flags are 0x0001" },
        { "wrong hash", "vna_hash is 0x00000000" },
        { "string offset out of range", "string offset 4294967295 is outside '.dynstr'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_library_that_is_not_as_expected_is_refused_with_the_file_the_check_and_the_values_seen(string change, string finding)
    {
        var bytes = Damaged(change);
        var before = (byte[])bytes.Clone();
        var error = Assert.Throws<ElfCheckException>(() => GlibcxxVersionNeedPatcher.Patch(bytes, FileName));
        Assert.StartsWith(FileName + ": ", error.Message);
        Assert.Contains(finding, error.Message);
        Assert.Equal(before, bytes);
    }

    [Fact]
    public void The_version_hash_is_the_System_V_ELF_hash()
    {
        // The vna_hash values `objdump -p libLibTorchSharp.so` lists for these two needs.
        Assert.Equal(0x0297f842u, GlibcxxVersionNeedPatcher.ElfHash("GLIBCXX_3.4.32"));
        Assert.Equal(0x09691a75u, GlibcxxVersionNeedPatcher.ElfHash("GLIBC_2.2.5"));
    }

    private static byte[] Copy() => (byte[])Cached.Value.Clone();

    /// <summary>The real library with the one change <paramref name="change"/> names.</summary>
    private static byte[] Damaged(string change)
    {
        var bytes = Copy();
        var image = new ElfImage(bytes, FileName);
        var needs = image.Sections.Single(s => s.Name == ".gnu.version_r");
        var dynsym = image.Sections.Single(s => s.Name == ".dynsym");
        var dynstr = image.Sections.Single(s => s.Name == ".dynstr");
        var target = GlibcxxVersionNeedPatcher.VersionNeeds(image, needs).Single(n => n.Version == GlibcxxVersionNeedPatcher.WeakenedVersion);
        var vernaux = (int)target.FlagsOffset - 4;
        switch (change)
        {
            case "truncated": return bytes[..40];
            case "cut before the section headers": return bytes[..(int)image.U64(40)];
            case "wrong magic": bytes[0] = 0x7e; break;
            case "32-bit": bytes[4] = 1; break;
            case "big-endian": bytes[5] = 2; break;
            case "AArch64": WriteU16(bytes, 18, 183); break;
            case "no .gnu.version_r": WriteU32(bytes, SectionHeader(image, needs) + 4, 1); break; // SHT_PROGBITS
            case "no libstdc++ need":
                var libstdcxx = VerneedEntries(image, needs, dynstr).Single(e => e.Library == GlibcxxVersionNeedPatcher.NeededLibrary).Offset;
                var libm = VerneedEntries(image, needs, dynstr).Single(e => e.Library == "libm.so.6").Offset;
                WriteU32(bytes, libstdcxx + 4, image.U32((ulong)libm + 4));
                break;
            case "no GLIBCXX_3.4.32 need":
                var other = GlibcxxVersionNeedPatcher.VersionNeeds(image, needs).First(n => n.Version == "GLIBCXX_3.4.30");
                WriteU32(bytes, vernaux + 8, image.U32(other.FlagsOffset + 4));
                break;
            case "another symbol under the version":
                var versym = image.Sections.Single(s => s.Name == ".gnu.version");
                var anyVersioned = Enumerable.Range(1, (int)(dynsym.Size / 24)).First(i => image.U16(versym.Offset + (ulong)i * 2) > 1 && image.U16(versym.Offset + (ulong)i * 2) != target.Index);
                WriteU16(bytes, (int)versym.Offset + anyVersioned * 2, target.Index);
                break;
            case "a relocation on the marker":
                var plt = image.Sections.Single(s => s.Name == ".rela.plt");
                var marker = Enumerable.Range(0, (int)(dynsym.Size / 24)).Single(i => image.String(dynstr, image.U32(dynsym.Offset + (ulong)i * 24)) == GlibcxxVersionNeedPatcher.MarkerSymbol);
                WriteU32(bytes, (int)plt.Offset + 12, (uint)marker); // r_info's upper half: the symbol index
                break;
            case "other flags": WriteU16(bytes, vernaux + 4, 0x1); break;
            case "wrong hash": WriteU32(bytes, vernaux, 0); break;
            case "string offset out of range": WriteU32(bytes, vernaux + 8, uint.MaxValue); break;
            default: throw new ArgumentException(change);
        }
        return bytes;
    }

    private static int SectionHeader(ElfImage image, ElfSection section) => (int)(image.U64(40) + section.Index * 64UL);

    private static List<(string Library, int Offset)> VerneedEntries(ElfImage image, ElfSection needs, ElfSection strings) =>
        image.VersionEntries(needs, size: 16, nextField: 12, kind: "Verneed").Select(e => (image.String(strings, image.U32(e + 4)), (int)e)).ToList();

    private static void WriteU16(byte[] bytes, int offset, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), value);
    private static void WriteU32(byte[] bytes, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
}
