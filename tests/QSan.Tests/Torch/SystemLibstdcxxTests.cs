using System.Buffers.Binary;
using System.Text;
using QSan.Build;

namespace QSan.Tests.Torch;

/// <summary>
/// How the build step decides whether the patch is needed: the libstdc++.so.6 the loader would pick (its cache, else
/// the default directories) and the versions that library defines.
/// </summary>
public sealed class SystemLibstdcxxTests
{
    private const string Version = GlibcxxVersionNeedPatcher.WeakenedVersion;

    [Fact]
    public void This_machines_libstdcxx_is_found_through_the_loader_cache()
    {
        var libraries = SystemLibstdcxx.Locate();
        Assert.NotEmpty(libraries);
        Assert.All(libraries, path => Assert.Equal("libstdc++.so.6", Path.GetFileName(path)));
        Assert.All(libraries, path => Assert.True(File.Exists(path), path));
        if (File.Exists(SystemLibstdcxx.LoaderCache))
            Assert.Equal(libraries, SystemLibstdcxx.CachedLibraries(File.ReadAllBytes(SystemLibstdcxx.LoaderCache), SystemLibstdcxx.LoaderCache, "libstdc++.so.6"));
    }

    [Fact]
    public void This_machines_libstdcxx_defines_GLIBCXX_3_4_32_exactly_when_its_version_strings_hold_it()
    {
        foreach (var path in SystemLibstdcxx.Locate())
        {
            var bytes = File.ReadAllBytes(path);
            var versions = SystemLibstdcxx.DefinedVersions(bytes, path);
            Assert.Contains("GLIBCXX_3.4", versions);
            Assert.Contains("CXXABI_1.3", versions);
            Assert.Contains("libstdc++.so.6", versions); // the base definition: the library's own name
            // Independently of the parser: libstdc++'s string table names every version it defines, and no other.
            Assert.Equal(Contains(bytes, Version + "\0"), versions.Contains(Version));
        }
    }

    [Fact]
    public void A_libstdcxx_whose_newest_version_is_renamed_to_GLIBCXX_3_4_32_is_read_as_defining_it()
    {
        var path = SystemLibstdcxx.Locate()[0];
        var bytes = File.ReadAllBytes(path);
        var newest = SystemLibstdcxx.DefinedVersions(bytes, path).Where(v => v.StartsWith("GLIBCXX_3.4.", StringComparison.Ordinal))
            .MaxBy(v => int.Parse(v["GLIBCXX_3.4.".Length..]))!;
        var renamed = Encoding.ASCII.GetBytes(newest == Version ? "GLIBCXX_3.4.99" : Version);
        Assert.Equal(newest.Length, renamed.Length);
        var dynstr = new ElfImage(bytes, path).Sections.Single(s => s.Name == ".dynstr");
        var at = (int)dynstr.Offset + IndexOf(bytes[(int)dynstr.Offset..(int)(dynstr.Offset + dynstr.Size)], Encoding.ASCII.GetBytes(newest + "\0"));
        renamed.CopyTo(bytes, at);

        var versions = SystemLibstdcxx.DefinedVersions(bytes, path);
        Assert.Contains(Encoding.ASCII.GetString(renamed), versions);
        Assert.DoesNotContain(newest, versions);
    }

    [Fact]
    public void A_file_that_is_not_a_shared_library_is_refused_naming_it()
    {
        var error = Assert.Throws<ElfCheckException>(() => SystemLibstdcxx.DefinedVersions(Encoding.ASCII.GetBytes("INPUT(-lstdc++)\n"), "libstdc++.so"));
        Assert.Equal("libstdc++.so: not an ELF file: it starts with [49-4E-50-55], expected [7F-45-4C-46].", error.Message);
    }

    [Fact]
    public void The_loader_cache_gives_the_x86_64_entries_for_the_name_in_either_layout()
    {
        (int Flags, string Name, string Path)[] entries =
        [
            (0x0303, "libm.so.6", "/lib/x86_64-linux-gnu/libm.so.6"),
            (0x0003, "libstdc++.so.6", "/lib/i386-linux-gnu/libstdc++.so.6"), // 32-bit: not for this process
            (0x0303, "libstdc++.so.6", "/lib/x86_64-linux-gnu/glibc-hwcaps/x86-64-v3/libstdc++.so.6"),
            (0x0303, "libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6"),
        ];
        string[] expected = ["/lib/x86_64-linux-gnu/glibc-hwcaps/x86-64-v3/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6"];

        Assert.Equal(expected, SystemLibstdcxx.CachedLibraries(LoaderCache(entries, withOldPart: false), "ld.so.cache", "libstdc++.so.6"));
        Assert.Equal(expected, SystemLibstdcxx.CachedLibraries(LoaderCache(entries, withOldPart: true), "ld.so.cache", "libstdc++.so.6"));
        Assert.Empty(SystemLibstdcxx.CachedLibraries(LoaderCache(entries, withOldPart: false), "ld.so.cache", "libfoo.so.1"));
        Assert.Empty(SystemLibstdcxx.CachedLibraries(Encoding.ASCII.GetBytes("ld.so-1.7.0\0\0\0\0\0"), "ld.so.cache", "libstdc++.so.6"));
    }

    [Fact]
    public void A_truncated_loader_cache_is_refused_naming_it()
    {
        var cache = LoaderCache([(0x0303, "libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6")], withOldPart: false);
        var error = Assert.Throws<ElfCheckException>(() => SystemLibstdcxx.CachedLibraries(cache[..50], "/etc/ld.so.cache", "libstdc++.so.6"));
        Assert.StartsWith("/etc/ld.so.cache: a 4-byte field at offset 48 lies past the end of the file (50 bytes", error.Message);
        error = Assert.Throws<ElfCheckException>(() => SystemLibstdcxx.CachedLibraries(cache[..60], "/etc/ld.so.cache", "libstdc++.so.6"));
        Assert.StartsWith("/etc/ld.so.cache: string offset 72 is past the end", error.Message);
    }

    /// <summary>A glibc loader cache ("glibc-ld.so.cache1.1"), optionally behind an old-format ("ld.so-1.7.0") part.</summary>
    private static byte[] LoaderCache((int Flags, string Name, string Path)[] entries, bool withOldPart)
    {
        using var strings = new MemoryStream();
        var offsets = new List<(uint Key, uint Value)>();
        var stringsStart = 48 + 24 * entries.Length;
        foreach (var (_, name, path) in entries)
        {
            var key = (uint)(stringsStart + strings.Length);
            strings.Write(Encoding.ASCII.GetBytes(name + "\0"));
            var value = (uint)(stringsStart + strings.Length);
            strings.Write(Encoding.ASCII.GetBytes(path + "\0"));
            offsets.Add((key, value));
        }
        var cache = new byte[stringsStart + strings.Length];
        Encoding.ASCII.GetBytes("glibc-ld.so.cache1.1").CopyTo(cache, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(cache.AsSpan(20), (uint)entries.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(cache.AsSpan(24), (uint)strings.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = cache.AsSpan(48 + 24 * i);
            BinaryPrimitives.WriteInt32LittleEndian(entry, entries[i].Flags);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], offsets[i].Key);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], offsets[i].Value);
        }
        strings.ToArray().CopyTo(cache, stringsStart);
        if (!withOldPart) return cache;

        // The old part: its 16-byte header and 12-byte entries (contents unused), then the new part 8-aligned.
        var oldLength = (16 + 12 * entries.Length + 7) & ~7;
        var combined = new byte[oldLength + cache.Length];
        Encoding.ASCII.GetBytes("ld.so-1.7.0").CopyTo(combined, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(combined.AsSpan(12), (uint)entries.Length);
        cache.CopyTo(combined, oldLength);
        return combined;
    }

    private static bool Contains(byte[] bytes, string ascii) => IndexOf(bytes, Encoding.ASCII.GetBytes(ascii)) >= 0;

    private static int IndexOf(byte[] bytes, byte[] pattern) => bytes.AsSpan().IndexOf(pattern);
}
