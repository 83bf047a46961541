#nullable enable
// Compiled twice: into the MSBuild task (LibTorchSharpGlibcxx.targets, with WeakenGlibcxxVersionNeed.cs, against
// netstandard 2.0: no spans or .NET-only file APIs) and into the tests. No MSBuild types here.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace QSan.Build;

/// <summary>
/// TorchSharp's glue library libLibTorchSharp.so was linked against GCC 13's libstdc++ and so needs the symbol
/// version GLIBCXX_3.4.32, which older systems' libstdc++ (Debian 12: GCC 12, up to GLIBCXX_3.4.30) does not define;
/// the loader then refuses the library. The only symbol under that version is <c>std::ios_base_library_init()</c>, a
/// marker GCC 13's &lt;iostream&gt; references without any relocation, so nothing ever binds to it. Setting
/// VER_FLG_WEAK in that one version need (its Vernaux entry in .gnu.version_r) makes the loader accept its absence
/// and changes nothing else. <see cref="Patch"/> checks all of that before it changes the one flag, and throws
/// <see cref="ElfCheckException"/> naming the file, the failed check and the values seen otherwise.
/// </summary>
public static class GlibcxxVersionNeedPatcher
{
    public const string NeededLibrary = "libstdc++.so.6";
    public const string WeakenedVersion = "GLIBCXX_3.4.32";
    public const string MarkerSymbol = "_ZSt21ios_base_library_initv";

    /// <summary>VER_FLG_WEAK: the loader only notes a missing weak version instead of refusing the object.</summary>
    public const ushort VerFlagWeak = 0x2;

    /// <summary>
    /// Checks <paramref name="elf"/> (the bytes of <paramref name="file"/>) and sets VER_FLG_WEAK in the vna_flags of
    /// its libstdc++.so.6 → GLIBCXX_3.4.32 version need, in the array. Does nothing more when the flag is already set.
    /// </summary>
    public static VersionNeedPatch Patch(byte[] elf, string file)
    {
        var image = new ElfImage(elf, file);
        var needs = image.Single(ElfImage.ShtGnuVerneed, ".gnu.version_r");
        var dynsym = image.Single(ElfImage.ShtDynsym, ".dynsym");
        var versions = VersionNeeds(image, needs);

        var libstdcxx = versions.Where(n => n.Library == NeededLibrary).ToList();
        if (libstdcxx.Count == 0)
            throw image.Fail($"no version need on {NeededLibrary} in .gnu.version_r (it needs versions of: {string.Join(", ", versions.Select(n => n.Library).Distinct())})");
        var target = libstdcxx.Where(n => n.Version == WeakenedVersion).ToList();
        if (target.Count != 1)
            throw image.Fail($"{target.Count} version needs {NeededLibrary} → {WeakenedVersion}, expected exactly one (its needs: {string.Join(", ", libstdcxx.Select(n => n.Version))})");
        var need = target[0];

        if (need.Hash != ElfHash(WeakenedVersion))
            throw image.Fail($"the {WeakenedVersion} need's vna_hash is 0x{need.Hash:x8}, expected 0x{ElfHash(WeakenedVersion):x8}");
        if ((need.Flags & ~VerFlagWeak) != 0)
            throw image.Fail($"the {WeakenedVersion} need's vna_flags are 0x{need.Flags:x4}, expected 0x0000 or 0x{VerFlagWeak:x4}");
        if (need.Index < 2)
            throw image.Fail($"the {WeakenedVersion} need's vna_other is {need.Index}, a reserved version index");

        var symbols = SymbolsUnderVersion(image, dynsym, need.Index);
        if (symbols.Count != 1 || symbols[0].Name != MarkerSymbol || symbols[0].SectionIndex != 0)
            throw image.Fail($"the dynamic symbols under {WeakenedVersion} (version index {need.Index}) are "
                + $"[{string.Join(", ", symbols.Select(s => s.SectionIndex == 0 ? s.Name : s.Name + " (defined)"))}], expected only the undefined {MarkerSymbol}: "
                + "a weak need would let the others go unresolved");
        var relocations = RelocationsOf(image, dynsym, symbols[0].Index);
        if (relocations.Count > 0)
            throw image.Fail($"{MarkerSymbol} is used by relocations ({string.Join(", ", relocations)}), so it must resolve: a weak need would be unsafe");

        var weakened = (ushort)(need.Flags | VerFlagWeak);
        if (weakened != need.Flags) image.WriteU16(need.FlagsOffset, weakened);
        return new VersionNeedPatch(file, (long)need.FlagsOffset, need.Flags, weakened,
            libstdcxx.Where(n => n != need && (n.Flags & VerFlagWeak) == 0).Select(n => n.Version).ToList());
    }

    /// <summary>
    /// Patches the file at <paramref name="path"/> (see <see cref="Patch"/>). The file is never written through: a
    /// patched copy (same permissions and modification time) replaces it, so a hard or symbolic link into the NuGet
    /// cache is replaced, not followed. Paths under <paramref name="nuGetPackageRoot"/> are refused.
    /// </summary>
    public static VersionNeedPatch PatchFile(string path, string? nuGetPackageRoot)
    {
        var full = Path.GetFullPath(path);
        if (!string.IsNullOrEmpty(nuGetPackageRoot) && IsUnder(full, nuGetPackageRoot!))
            throw new ElfCheckException($"{full}: refusing to patch a file under the NuGet package folder {nuGetPackageRoot}; only copies in build and publish outputs are patched.");

        var bytes = File.ReadAllBytes(full);
        var patch = Patch(bytes, full);
        if (!patch.Changed) return patch;

        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(full, temporary);
            // The content's modification time (a link's target's), which File.Copy kept, is kept after the write too:
            // MSBuild's copy of native assets skips files of equal size and time instead of bringing the original back.
            var modified = File.GetLastWriteTimeUtc(temporary);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
            {
                stream.Position = patch.FlagsOffset;
                stream.Write(bytes, (int)patch.FlagsOffset, 2);
            }
            File.SetLastWriteTimeUtc(temporary, modified);
            File.Replace(temporary, full, null);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return patch;
    }

    /// <summary>The version needs of every Verneed entry in .gnu.version_r, in file order.</summary>
    internal static List<VersionNeed> VersionNeeds(ElfImage image, ElfSection needs)
    {
        var strings = image.Section(needs.Link, ElfImage.ShtStrtab, ".gnu.version_r's string table (sh_link)");
        var result = new List<VersionNeed>();
        foreach (var entry in image.VersionEntries(needs, size: 16, nextField: 12, kind: "Verneed"))
        {
            var count = image.U16(entry + 2);
            var library = image.String(strings, image.U32(entry + 4));
            var aux = entry + image.U32(entry + 8);
            for (var a = 0; a < count; a++)
            {
                image.RequireWithin(needs, aux, 16, $"Vernaux entry {a} of the {library} need");
                result.Add(new VersionNeed(library, image.String(strings, image.U32(aux + 8)), image.U32(aux), image.U16(aux + 4), aux + 4, image.U16(aux + 6)));
                aux += image.U32(aux + 12);
            }
        }
        return result;
    }

    /// <summary>The dynamic symbols whose .gnu.version entry (hidden bit aside) is <paramref name="versionIndex"/>.</summary>
    private static List<DynamicSymbol> SymbolsUnderVersion(ElfImage image, ElfSection dynsym, ushort versionIndex)
    {
        var versym = image.Single(ElfImage.ShtGnuVersym, ".gnu.version");
        if (versym.Link != dynsym.Index)
            throw image.Fail($".gnu.version links to section {versym.Link}, expected the dynamic symbol table (section {dynsym.Index})");
        var symbolCount = dynsym.Size / ElfImage.SymbolSize;
        if (dynsym.EntrySize != ElfImage.SymbolSize || versym.Size != symbolCount * 2)
            throw image.Fail($".dynsym has {dynsym.Size} bytes in entries of {dynsym.EntrySize} and .gnu.version {versym.Size} bytes: they do not describe the same symbols");
        var names = image.Section(dynsym.Link, ElfImage.ShtStrtab, ".dynsym's string table (sh_link)");
        var result = new List<DynamicSymbol>();
        for (ulong i = 0; i < symbolCount; i++)
        {
            if ((image.U16(versym.Offset + i * 2) & 0x7fff) != versionIndex) continue;
            var symbol = dynsym.Offset + i * ElfImage.SymbolSize;
            result.Add(new DynamicSymbol(i, image.String(names, image.U32(symbol)), image.U16(symbol + 6)));
        }
        return result;
    }

    /// <summary>"section[entry]" of every REL/RELA entry on <paramref name="dynsym"/> that uses symbol <paramref name="symbolIndex"/>.</summary>
    private static List<string> RelocationsOf(ElfImage image, ElfSection dynsym, ulong symbolIndex)
    {
        var result = new List<string>();
        foreach (var table in image.Sections.Where(s => (s.Type == ElfImage.ShtRela || s.Type == ElfImage.ShtRel) && s.Link == dynsym.Index))
        {
            var entrySize = table.Type == ElfImage.ShtRela ? 24UL : 16UL;
            image.RequireWithin(table, table.Offset, table.Size, table.Name);
            for (ulong e = 0; e < table.Size / entrySize; e++)
                if (image.U64(table.Offset + e * entrySize + 8) >> 32 == symbolIndex) result.Add($"{table.Name}[{e}]");
        }
        return result;
    }

    /// <summary>The System V ABI's ELF hash, which vna_hash must hold for the version's name.</summary>
    internal static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    private static bool IsUnder(string path, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal);
    }
}

/// <summary>What <see cref="GlibcxxVersionNeedPatcher.Patch"/> found and did.</summary>
/// <param name="File">The file checked.</param>
/// <param name="FlagsOffset">File offset of the GLIBCXX_3.4.32 Vernaux's vna_flags (a little-endian 16-bit field).</param>
/// <param name="FlagsBefore">vna_flags as found.</param>
/// <param name="FlagsAfter">vna_flags as left.</param>
/// <param name="OtherStrongLibstdcxxVersions">The libstdc++ versions the library still needs for real: the system's libstdc++ must define them all.</param>
public sealed record VersionNeedPatch(string File, long FlagsOffset, ushort FlagsBefore, ushort FlagsAfter, IReadOnlyList<string> OtherStrongLibstdcxxVersions)
{
    public bool Changed => FlagsBefore != FlagsAfter;
}

/// <summary>An ELF file is not as the patch expects; the message names the file, the check and the values seen.</summary>
public sealed class ElfCheckException : Exception
{
    public ElfCheckException(string message) : base(message) { }
}

/// <summary>The libstdc++.so.6 files the loader would pick for an x86-64 process, and the versions they define.</summary>
public static class SystemLibstdcxx
{
    public const string LoaderCache = "/etc/ld.so.cache";

    /// <summary>The x86-64 library directories the loader searches after its cache (Debian's multiarch ones first).</summary>
    public static readonly IReadOnlyList<string> DefaultDirectories =
        new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" };

    /// <summary>
    /// The loader cache's x86-64 entries for libstdc++.so.6 (all of them: the loader may prefer a glibc-hwcaps one),
    /// or, with no cache or no entry, the first file in <see cref="DefaultDirectories"/>; empty when there is none.
    /// </summary>
    public static IReadOnlyList<string> Locate()
    {
        if (File.Exists(LoaderCache))
        {
            var cached = CachedLibraries(File.ReadAllBytes(LoaderCache), LoaderCache, GlibcxxVersionNeedPatcher.NeededLibrary).Where(File.Exists).ToList();
            if (cached.Count > 0) return cached;
        }
        return DefaultDirectories.Select(d => Path.Combine(d, GlibcxxVersionNeedPatcher.NeededLibrary)).Where(File.Exists).Take(1).ToList();
    }

    /// <summary>
    /// The paths glibc's loader cache (<paramref name="cache"/>, the bytes of <paramref name="file"/>: format
    /// "glibc-ld.so.cache1.1", possibly after an old "ld.so-1.7.0" part) gives <paramref name="soname"/> for x86-64
    /// (entry flags FLAG_ELF_LIBC6 | FLAG_X8664_LIB64); empty for a cache without the new format.
    /// </summary>
    public static IReadOnlyList<string> CachedLibraries(byte[] cache, string file, string soname)
    {
        const string oldMagic = "ld.so-1.7.0", newMagic = "glibc-ld.so.cache1.1";
        const int oldHeaderSize = 16, oldEntrySize = 12, newHeaderSize = 48, newEntrySize = 24, elfLibc6X8664 = 0x0303;
        var reader = new ByteReader(cache, file);
        ulong start = 0;
        if (reader.StartsWith(0, oldMagic))
            start = (oldHeaderSize + reader.U32(12) * (ulong)oldEntrySize + 7) & ~7UL; // the new part follows, 8-aligned
        if (!reader.StartsWith(start, newMagic)) return new string[0];

        var count = reader.U32(start + 20);
        var result = new List<string>();
        for (ulong i = 0, entry = start + newHeaderSize; i < count; i++, entry += newEntrySize)
        {
            if (reader.U32(entry) != elfLibc6X8664) continue;
            if (reader.CString(start + reader.U32(entry + 4), cache.Length) == soname)
                result.Add(reader.CString(start + reader.U32(entry + 8), cache.Length));
        }
        return result;
    }

    /// <summary>The version names the x86-64 ELF shared library at <paramref name="path"/> defines in .gnu.version_d.</summary>
    public static IReadOnlyList<string> DefinedVersions(string path) => DefinedVersions(File.ReadAllBytes(path), path);

    /// <summary>The version names an x86-64 ELF shared library (<paramref name="elf"/>, the bytes of <paramref name="file"/>) defines in .gnu.version_d.</summary>
    public static IReadOnlyList<string> DefinedVersions(byte[] elf, string file)
    {
        var image = new ElfImage(elf, file);
        var definitions = image.Single(ElfImage.ShtGnuVerdef, ".gnu.version_d");
        var strings = image.Section(definitions.Link, ElfImage.ShtStrtab, ".gnu.version_d's string table (sh_link)");
        var result = new List<string>();
        foreach (var entry in image.VersionEntries(definitions, size: 20, nextField: 16, kind: "Verdef"))
        {
            var aux = entry + image.U32(entry + 12);
            image.RequireWithin(definitions, aux, 8, $"the Verdaux of the Verdef entry at offset {entry}");
            result.Add(image.String(strings, image.U32(aux)));
        }
        return result;
    }
}

/// <summary>One Vernaux entry: a version of <paramref name="Library"/> the file needs.</summary>
/// <param name="Index">vna_other: the index .gnu.version gives the symbols under this version.</param>
internal sealed record VersionNeed(string Library, string Version, uint Hash, ushort Flags, ulong FlagsOffset, ushort Index);

/// <param name="SectionIndex">st_shndx: 0 (SHN_UNDEF) for a symbol the library uses but does not define.</param>
internal sealed record DynamicSymbol(ulong Index, string Name, ushort SectionIndex);

internal sealed record ElfSection(uint Index, string Name, uint Type, ulong Offset, ulong Size, uint Link, uint Info, ulong EntrySize);

/// <summary>An ELF64 little-endian x86-64 file read through its section headers.</summary>
internal sealed class ElfImage
{
    public const uint ShtStrtab = 3, ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
    public const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    public const ulong SymbolSize = 24;
    private const int HeaderSize = 64, SectionHeaderSize = 64, MachineX8664 = 62;

    public ElfImage(byte[] bytes, string file)
    {
        Bytes = new ByteReader(bytes, file);
        if (bytes.Length < 4 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw Fail($"not an ELF file: it starts with [{BitConverter.ToString(bytes, 0, Math.Min(4, bytes.Length))}], expected [7F-45-4C-46]");
        if (bytes.Length < HeaderSize) throw Fail($"truncated: {bytes.Length} bytes, shorter than the 64-byte ELF64 header");
        if (bytes[4] != 2) throw Fail($"ELF class {bytes[4]} ({(bytes[4] == 1 ? "32-bit" : "unknown")}), expected 2 (ELF64)");
        if (bytes[5] != 1) throw Fail($"data encoding {bytes[5]} ({(bytes[5] == 2 ? "big-endian" : "unknown")}), expected 1 (little-endian)");
        var machine = Bytes.U16(18);
        if (machine != MachineX8664) throw Fail($"machine {machine}, expected {MachineX8664} (x86-64)");

        var table = Bytes.U64(40);
        var entrySize = Bytes.U16(58);
        var count = Bytes.U16(60);
        var namesIndex = Bytes.U16(62);
        if (entrySize != SectionHeaderSize) throw Fail($"section headers of {entrySize} bytes, expected {SectionHeaderSize}");
        if (count == 0 || table > (ulong)bytes.Length || (ulong)bytes.Length - table < count * (ulong)SectionHeaderSize)
            throw Fail($"{count} section headers at offset {table} do not fit in the file ({bytes.Length} bytes; truncated?)");
        if (namesIndex >= count) throw Fail($"the section name table's index {namesIndex} is not below the section count {count}");

        var names = ReadSection(table, namesIndex, ".shstrtab");
        Sections = Enumerable.Range(0, count).Select(i => ReadSection(table, (uint)i, String(names, Bytes.U32(table + (ulong)i * SectionHeaderSize)))).ToList();
    }

    public ByteReader Bytes { get; }
    public IReadOnlyList<ElfSection> Sections { get; }

    /// <summary>The one section of <paramref name="type"/>, which must be named <paramref name="name"/> and lie inside the file.</summary>
    public ElfSection Single(uint type, string name)
    {
        var found = Sections.Where(s => s.Type == type).ToList();
        if (found.Count != 1)
            throw Fail($"{found.Count} sections of type 0x{type:x} ({name}) [{string.Join(", ", found.Select(s => s.Name))}], expected exactly one");
        if (found[0].Name != name) throw Fail($"the section of type 0x{type:x} is named '{found[0].Name}', expected '{name}'");
        RequireWithin(found[0], found[0].Offset, found[0].Size, name);
        return found[0];
    }

    /// <summary>Section <paramref name="index"/>, which must be of <paramref name="type"/> and lie inside the file.</summary>
    public ElfSection Section(uint index, uint type, string role)
    {
        if (index == 0 || index >= Sections.Count) throw Fail($"{role} is section {index}, not a section of the file");
        var section = Sections[(int)index];
        if (section.Type != type) throw Fail($"{role} is section {index} '{section.Name}' of type 0x{section.Type:x}, expected type 0x{type:x}");
        RequireWithin(section, section.Offset, section.Size, role);
        return section;
    }

    /// <summary>Fails unless [offset, offset + length) lies inside both the section and the file.</summary>
    public void RequireWithin(ElfSection section, ulong offset, ulong length, string what)
    {
        var end = section.Offset + section.Size;
        if (end < section.Offset || end > (ulong)Bytes.Length || offset < section.Offset || offset > end || end - offset < length)
            throw Fail($"{what} (offset {offset}, {length} bytes) is outside section '{section.Name}' (offset {section.Offset}, {section.Size} bytes) or the file ({Bytes.Length} bytes)");
    }

    /// <summary>
    /// The offsets of the sh_info entries of a version section (.gnu.version_r, .gnu.version_d), which start with a
    /// 16-bit version that must be 1 and chain through the byte offset at <paramref name="nextField"/>.
    /// </summary>
    public IEnumerable<ulong> VersionEntries(ElfSection section, ulong size, ulong nextField, string kind)
    {
        var entry = section.Offset;
        for (var n = 0; n < section.Info; n++)
        {
            RequireWithin(section, entry, size, $"{kind} entry {n}");
            var version = U16(entry);
            if (version != 1) throw Fail($"{kind} entry {n} has version {version}, expected 1");
            yield return entry;
            entry += U32(entry + nextField);
        }
    }

    /// <summary>The NUL-terminated string at <paramref name="offset"/> in the string table <paramref name="table"/>.</summary>
    public string String(ElfSection table, ulong offset)
    {
        if (offset >= table.Size || table.Offset + table.Size > (ulong)Bytes.Length)
            throw Fail($"string offset {offset} is outside '{table.Name}' ({table.Size} bytes at offset {table.Offset}; the file has {Bytes.Length})");
        return Bytes.CString(table.Offset + offset, (long)(table.Offset + table.Size));
    }

    public ushort U16(ulong offset) => Bytes.U16(offset);
    public uint U32(ulong offset) => Bytes.U32(offset);
    public ulong U64(ulong offset) => Bytes.U64(offset);
    public void WriteU16(ulong offset, ushort value) => Bytes.WriteU16(offset, value);

    public ElfCheckException Fail(string finding) => Bytes.Fail(finding);

    private ElfSection ReadSection(ulong table, uint index, string name)
    {
        var header = table + index * (ulong)SectionHeaderSize;
        return new ElfSection(index, name, Bytes.U32(header + 4), Bytes.U64(header + 24), Bytes.U64(header + 32),
            Bytes.U32(header + 40), Bytes.U32(header + 44), Bytes.U64(header + 56));
    }
}

/// <summary>Bounds-checked little-endian reads from a file's bytes; a read past the end fails naming the file.</summary>
internal sealed class ByteReader
{
    private readonly byte[] bytes;
    private readonly string file;

    public ByteReader(byte[] bytes, string file)
    {
        this.bytes = bytes;
        this.file = file;
    }

    public int Length => bytes.Length;

    public ushort U16(ulong offset) => (ushort)Read(offset, 2);
    public uint U32(ulong offset) => (uint)Read(offset, 4);
    public ulong U64(ulong offset) => Read(offset, 8);

    public void WriteU16(ulong offset, ushort value)
    {
        Read(offset, 2);
        bytes[offset] = (byte)value;
        bytes[offset + 1] = (byte)(value >> 8);
    }

    public bool StartsWith(ulong offset, string ascii) =>
        offset <= (ulong)bytes.Length && (ulong)bytes.Length - offset >= (ulong)ascii.Length
        && Encoding.ASCII.GetString(bytes, (int)offset, ascii.Length) == ascii;

    /// <summary>The NUL-terminated UTF-8 string at <paramref name="offset"/>, which must end before <paramref name="limit"/>.</summary>
    public string CString(ulong offset, long limit)
    {
        if (offset >= (ulong)Math.Min(limit, bytes.Length)) throw Fail($"string offset {offset} is past the end of its table or the file ({bytes.Length} bytes)");
        var end = Array.IndexOf(bytes, (byte)0, (int)offset, (int)(Math.Min(limit, bytes.Length) - (long)offset));
        if (end < 0) throw Fail($"the string at offset {offset} has no terminating NUL");
        return Encoding.UTF8.GetString(bytes, (int)offset, end - (int)offset);
    }

    public ElfCheckException Fail(string finding) => new($"{file}: {finding}.");

    private ulong Read(ulong offset, int length)
    {
        if (offset > (ulong)bytes.Length || (ulong)bytes.Length - offset < (ulong)length)
            throw Fail($"a {length}-byte field at offset {offset} lies past the end of the file ({bytes.Length} bytes; truncated?)");
        ulong value = 0;
        for (var i = length - 1; i >= 0; i--) value = (value << 8) | bytes[offset + (ulong)i];
        return value;
    }
}
