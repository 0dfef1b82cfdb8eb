using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Performance.Api.Tests.Security;

/// <summary>
/// XLSX files built in the test — a valid minimal workbook and hostile variations of it, down to forged zip headers — so
/// no bomb is ever checked in. Parts are written as streams: a 60 MB part never exists as one string.
/// </summary>
public sealed class WorkbookBuilder
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

    /// <summary>The parts, in zip order; a part is a writer, so huge parts are streamed.</summary>
    public List<(string Name, Action<Stream> Write)> Parts { get; } = [];

    /// <summary>A consuntivi workbook: Codice / Anno / Periodo / Valore (headers as shared strings) and one Cremona row.</summary>
    public static WorkbookBuilder Valid(string sheet = "Consuntivi", string extraRows = "", string sharedStrings = "") => new WorkbookBuilder()
        .Part("[Content_Types].xml", Xml + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""")
        .Part("_rels/.rels", Relationships(("rId1", "officeDocument", "xl/workbook.xml", null)))
        .Part("xl/workbook.xml", Workbook((sheet, "rId1")))
        .Part("xl/_rels/workbook.xml.rels", Relationships(("rId1", "worksheet", "worksheets/sheet1.xml", null), ("rId2", "sharedStrings", "sharedStrings.xml", null)))
        .Part(SheetPart, Sheet(HeaderRows + extraRows))
        .Part("xl/sharedStrings.xml", Xml + $"""<sst xmlns="{Main}"><si><t>Codice</t></si><si><t>Anno</t></si><si><t>Periodo</t></si><si><r><t>Val</t></r><r><t>ore</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>{sharedStrings}</sst>""");

    public const string SheetPart = "xl/worksheets/sheet1.xml";

    /// <summary>The header (shared strings 0-3) and one consuntivo of Cremona: 2021_01.I2, 2021, Y, 5.</summary>
    public const string HeaderRows =
        """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"""
        + """<row r="2"><c r="A2" t="inlineStr"><is><t>2021_01.I2</t></is></c><c r="B2"><v>2021</v></c><c r="C2" t="inlineStr"><is><t>Y</t></is></c><c r="D2"><v>5</v></c></row>""";

    public static readonly string SheetStart = Xml + $"""<worksheet xmlns="{Main}" xmlns:r="{OfficeRelationships}"><sheetData>""";
    public const string SheetEnd = "</sheetData></worksheet>";

    public static string Sheet(string rows) => SheetStart + rows + SheetEnd;

    /// <summary><paramref name="depth"/> elements, each inside the previous one.</summary>
    public static string Nested(int depth) => string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));

    public static string Workbook(params (string Name, string Id)[] sheets) =>
        Xml + $"""<workbook xmlns="{Main}" xmlns:r="{OfficeRelationships}"><sheets>{string.Concat(sheets.Select((s, i) => $"""<sheet name="{s.Name}" sheetId="{i + 1}" r:id="{s.Id}"/>"""))}</sheets></workbook>""";

    public static string Relationships(params (string Id, string Type, string Target, string? Mode)[] relationships) =>
        Xml + $"""<Relationships xmlns="{PackageRelationships}">{string.Concat(relationships.Select(r => $"""<Relationship Id="{r.Id}" Type="{OfficeRelationships}/{r.Type}" Target="{r.Target}"{(r.Mode is null ? "" : $" TargetMode=\"{r.Mode}\"")}/>"""))}</Relationships>""";

    public WorkbookBuilder Part(string name, string text) => Part(name, s => s.Write(Encoding.UTF8.GetBytes(text)));

    public WorkbookBuilder Part(string name, Action<Stream> write)
    {
        var index = Parts.FindIndex(p => p.Name == name);
        if (index >= 0) Parts[index] = (name, write);
        else Parts.Add((name, write));
        return this;
    }

    /// <summary>Another entry under a name already used (zip allows it; which one a reader takes is anyone's guess).</summary>
    public WorkbookBuilder Duplicate(string name, string text)
    {
        Parts.Add((name, s => s.Write(Encoding.UTF8.GetBytes(text))));
        return this;
    }

    public WorkbookBuilder Without(string name)
    {
        Parts.RemoveAll(p => p.Name == name);
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, write) in Parts)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                write(entry);
            }
        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="count"/> times the same text: a part that compresses to almost nothing.</summary>
    public static Action<Stream> Repeated(string prefix, string unit, long count, string suffix) => stream =>
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(prefix);
        for (var i = 0L; i < count; i++) writer.Write(unit);
        writer.Write(suffix);
    };

    /// <summary>Writes <paramref name="count"/> cells with pseudo-random values: a part that does not compress much.</summary>
    public static Action<Stream> RandomCells(string prefix, long count, string suffix, Func<long, string>? reference = null) => stream =>
    {
        var random = new Random(11);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(prefix);
        for (var i = 0L; i < count; i++)
            writer.Write(reference is null ? $"<c><v>{random.NextInt64()}</v></c>" : $"<c r=\"{reference(i)}\"><v>{random.NextInt64()}</v></c>");
        writer.Write(suffix);
    };

    // ---------------- forged zip headers ----------------

    /// <summary>Changes the central-directory header of one entry (and, for the method, its local header too).</summary>
    public static byte[] PatchEntry(byte[] zip, string name, uint? uncompressed = null, ushort? method = null)
    {
        var copy = (byte[])zip.Clone();
        var (end, _) = EndRecord(copy);
        var position = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(end + 16));
        while (BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(position)) == 0x02014b50)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(position + 28)),
                extra = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(position + 30)),
                comment = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan(position + 32));
            if (Encoding.UTF8.GetString(copy, position + 46, nameLength) == name)
            {
                if (uncompressed is { } size) BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(position + 24), size);
                if (method is { } m)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(position + 10), m);
                    var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(position + 42));
                    BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(local + 8), m);
                }
                return copy;
            }
            position += 46 + nameLength + extra + comment;
        }
        throw new InvalidOperationException($"no entry {name}");
    }

    /// <summary>Changes what the end-of-central-directory record declares: the entry count, or the directory's offset.</summary>
    public static byte[] PatchEnd(byte[] zip, ushort? entries = null, uint? offset = null)
    {
        var copy = (byte[])zip.Clone();
        var (end, _) = EndRecord(copy);
        if (entries is { } n)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(end + 8), n);
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(end + 10), n);
        }
        if (offset is { } o) BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(end + 16), o);
        return copy;
    }

    private static (int End, int Entries) EndRecord(byte[] zip)
    {
        for (var i = zip.Length - 22; i >= 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == 0x06054b50)
                return (i, BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 10)));
        throw new InvalidOperationException("no end record");
    }
}
