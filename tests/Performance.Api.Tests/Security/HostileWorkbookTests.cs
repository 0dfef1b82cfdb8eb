using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Infrastructure.Files;
using static Performance.Api.Tests.Security.WorkbookBuilder;

namespace Performance.Api.Tests.Security;

/// <summary>
/// Hostile workbooks on both routes that read XLSX: depth, width, references, shared strings, compression ratio, forged zip
/// headers, relationships, missing parts, duplicates, DTDs. Each answers a 4xx with its reason (413 naming the limit, 400
/// saying what is damaged) within the bound, stores nothing, and the process lives on. Every reproduction of issue 11 is here.
/// </summary>
public sealed class HostileWorkbookTests(HostileInputFactory factory) : IClassFixture<HostileInputFactory>
{
    private const HttpStatusCode Limit = HttpStatusCode.RequestEntityTooLarge, Bad = HttpStatusCode.BadRequest;

    private sealed record Case(string Name, Func<string, byte[]> File, HttpStatusCode Status, string Reason);

    private static byte[] Row(string sheet, string row) => Valid(sheet, extraRows: row).Build();

    private static byte[] Reference(string sheet, string reference) => Row(sheet, $"""<row r="3"><c r="{reference}"><v>1</v></c></row>""");

    private static readonly Case[] Cases =
    [
        // Issue 11.1: the stack overflow that killed the process.
        new("50,000 elements nested in a row", s => Row(s, $"""<row r="3">{Nested(50_000)}</row>"""), Limit, "Uploads:MaxXmlDepth"),
        new("50,000 elements nested in a shared string", s => Valid(s, sharedStrings: $"<si>{Nested(50_000)}</si>").Build(), Limit, "Uploads:MaxXmlDepth"),
        new("50,000 elements nested in a cell", s => Row(s, $"""<row r="3"><c r="A3" t="inlineStr"><is>{Nested(50_000)}</is></c></row>"""), Limit, "Uploads:MaxXmlDepth"),
        new("nesting in the workbook part", s => Valid(s).Part("xl/workbook.xml", Workbook((s, "rId1")).Replace("<sheets>", Nested(50_000) + "<sheets>")).Build(),
            Limit, "Uploads:MaxXmlDepth"),
        new("nesting in the package relationships", s => Valid(s).Part("_rels/.rels",
            Relationships(("rId1", "officeDocument", "xl/workbook.xml", null)).Replace("</Relationships>", Nested(50_000) + "</Relationships>")).Build(),
            Limit, "Uploads:MaxXmlDepth"),
        // Issue 11.2 and 11.3: references past the last column, long references.
        new("reference FXSHRXW1 (was out of memory)", s => Reference(s, "FXSHRXW1"), Bad, "'FXSHRXW1' in row 3 is not a cell of a worksheet"),
        new("reference FXSHRXX1 (was an int overflow)", s => Reference(s, "FXSHRXX1"), Bad, "'FXSHRXX1' in row 3 is not a cell of a worksheet"),
        new("reference AAAAAAA1 (took 3 s)", s => Reference(s, "AAAAAAA1"), Bad, "not a cell of a worksheet"),
        new("a 20-letter reference (took 10-26 s)", s => Reference(s, "ABCDEFGHIJKLMNOPQRST1"), Bad, "not a cell of a worksheet"),
        new("a million-letter reference", s => Reference(s, new string('A', 1_000_000) + "1"), Bad, "not a cell of a worksheet"),
        new("reference XFE1, one past the last column", s => Reference(s, "XFE1"), Bad, "not a cell of a worksheet"),
        new("reference A0", s => Reference(s, "A0"), Bad, "not a cell of a worksheet"),
        new("reference A1048577, one past the last row", s => Reference(s, "A1048577"), Bad, "not a cell of a worksheet"),
        new("reference XFD1, a real but far column", s => Reference(s, "XFD1"), Limit, "Uploads:MaxColumns"),
        new("a row of a million cells (took 10-25 s)", s => Valid(s).Part(SheetPart,
            RandomCells(SheetStart + HeaderRows + """<row r="3">""", 1_000_000, "</row>" + SheetEnd)).Build(), Limit, "Uploads:MaxColumns"),
        new("a million cells all in A3", s => Valid(s).Part(SheetPart,
            RandomCells(SheetStart + HeaderRows + """<row r="3">""", 1_000_000, "</row>" + SheetEnd, _ => "A3")).Build(), Limit, "Row 3 has more cells than allowed"),
        new("row number 0", s => Row(s, """<row r="0"><c><v>1</v></c></row>"""), Bad, "Row number '0'"),
        new("a row number past the sheet", s => Row(s, """<row r="99999999999"><c><v>1</v></c></row>"""), Bad, "Row number '99999999999'"),
        new("a cell of 40,000 characters", s => Row(s, $"""<row r="3"><c r="A3" t="inlineStr"><is><t>{new string('x', 40_000)}</t></is></c></row>"""),
            Limit, "Uploads:MaxCellCharacters"),
        new("a shared string of 40,000 characters", s => Valid(s, sharedStrings: $"<si><t>{new string('x', 40_000)}</t></si>").Build(),
            Limit, "Uploads:MaxCellCharacters"),
        // Issue 11.3: the 60 MB zip bomb (11-13 s, 1.1 GiB before).
        new("a 60 MB zip-bomb sheet", s => Valid(s).Part(SheetPart, Repeated(SheetStart + HeaderRows, " ", 60_000_000, SheetEnd)).Build(),
            Limit, "Uploads:MaxCompressionRatio"),
        // The zip container.
        new("an entry that holds more than it declares", s => PatchEntry(Valid(s).Build(), SheetPart, uncompressed: 100), Bad, "damaged"),
        new("an entry that declares more than it holds", s => PatchEntry(Valid(s).Build(), SheetPart, uncompressed: 5_000), Bad, "damaged"),
        new("an entry declared at 300 MB", s => PatchEntry(Valid(s).Build(), SheetPart, uncompressed: 300_000_000), Limit, "Uploads:MaxPartBytes"),
        new("1,001 zip entries", s => Enumerable.Range(0, 1_001).Aggregate(Valid(s), (b, i) => b.Part($"docProps/extra{i}.xml", "<x/>")).Build(),
            Limit, "Uploads:MaxZipEntries"),
        new("an end record hiding 1,001 entries", s => PatchEnd(Enumerable.Range(0, 1_001).Aggregate(Valid(s), (b, i) => b.Part($"docProps/extra{i}.xml", "<x/>")).Build(), entries: 6),
            Limit, "Uploads:MaxZipEntries"),
        new("a ZIP64 end record", s => PatchEnd(Valid(s).Build(), entries: ushort.MaxValue), Bad, "ZIP64"),
        new("an unknown compression method", s => PatchEntry(Valid(s).Build(), SheetPart, method: 99), Bad, "cannot be decompressed"),
        new("a directory pointing past the file", s => PatchEnd(Valid(s).Build(), offset: 50_000_000), Bad, "cannot be opened"),
        new("two entries with the same name", s => Valid(s).Duplicate(SheetPart, Sheet("")).Build(), Bad, "two entries named 'xl/worksheets/sheet1.xml'"),
        // The package: relationships and parts.
        new("two sheets with the same name", s => Valid(s).Part("xl/workbook.xml", Workbook((s, "rId1"), (s.ToUpperInvariant() + " ", "rId1"))).Build(),
            Bad, "Two sheets are named"),
        new("no workbook part", s => Valid(s).Without("xl/workbook.xml").Build(), Bad, "its part 'xl/workbook.xml' is missing"),
        new("no sheet part", s => Valid(s).Without(SheetPart).Build(), Bad, "its part 'xl/worksheets/sheet1.xml' is missing"),
        new("no package relationships", s => Valid(s).Without("_rels/.rels").Build(), Bad, "not an XLSX workbook"),
        new("a Word document", s => Valid(s).Part("xl/workbook.xml",
            """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>""").Build(), Bad, "not an XLSX workbook"),
        new("a sheet outside the package", s => Valid(s).Part("xl/_rels/workbook.xml.rels",
            Relationships(("rId1", "worksheet", "../../../../etc/passwd", null))).Build(), Bad, "points outside the workbook"),
        new("a sheet on another server", s => Valid(s).Part("xl/_rels/workbook.xml.rels",
            Relationships(("rId1", "worksheet", "http://evil.example/sheet.xml", "External"))).Build(), Bad, "points outside the workbook"),
        new("a sheet without a relationship", s => Valid(s).Part("xl/workbook.xml", Workbook((s, "rId9"))).Build(), Bad, "has no part in the workbook"),
        new("a shared string that does not exist", s => Row(s, """<row r="3"><c r="A3" t="s"><v>99</v></c></row>"""), Bad, "shared string '99'"),
        new("shared strings without their part", s => Valid(s).Without("xl/sharedStrings.xml").Build(), Bad, "its part 'xl/sharedStrings.xml' is missing"),
        new("shared strings without a relationship", s => Valid(s).Part("xl/_rels/workbook.xml.rels",
            Relationships(("rId1", "worksheet", "worksheets/sheet1.xml", null))).Build(), Bad, "shared string '0'"),
        // XML itself.
        new("billion laughs", s => Valid(s).Part(SheetPart, """<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>""").Build(),
            Bad, "declares a DTD"),
        new("an external entity", s => Valid(s).Part(SheetPart, """<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>""").Build(),
            Bad, "declares a DTD"),
        new("an unknown XML encoding", s => Valid(s).Part(SheetPart, Sheet(HeaderRows).Replace("UTF-8", "bogus")).Build(), Bad, "not well-formed"),
        new("truncated XML", s => Valid(s).Part(SheetPart, Sheet(HeaderRows)[..200]).Build(), Bad, "not well-formed"),
        // The characters no text may hold cannot come through XML at all.
        new("a control character in a cell", s => Row(s, """<row r="3"><c r="A3" t="inlineStr"><is><t>a&#1;b</t></is></c></row>"""), Bad, "not well-formed"),
        new("U+FFFF in a cell", s => Row(s, """<row r="3"><c r="A3" t="inlineStr"><is><t>a&#xFFFF;b</t></is></c></row>"""), Bad, "not well-formed"),
    ];

    public static TheoryData<string, string> Matrix() => UploadRoutes.OnBoth(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_hostile_workbook_is_refused_with_its_reason_in_bounded_time_and_nothing_changes(string name, string route)
    {
        var c = Cases.Single(x => x.Name == name);
        var file = c.File(UploadRoutes.Sheet(route));
        await HostileInput.AssertRefusedAsync(factory, client => client.PostFileAsync(route, file), c.Status, c.Reason, $"{route}: {name}");
        Assert.Empty(HostileInput.Spooled(factory));
    }

    [Theory]
    [InlineData("50,000 elements nested in a row")]
    [InlineData("a 60 MB zip-bomb sheet")]
    [InlineData("reference FXSHRXW1 (was out of memory)")]
    public async Task The_same_workbooks_sent_as_multipart_forms_are_refused_the_same_way(string name)
    {
        var c = Cases.Single(x => x.Name == name);
        foreach (var route in UploadRoutes.Both)
        {
            var file = c.File(UploadRoutes.Sheet(route));
            await HostileInput.AssertRefusedAsync(factory, client => client.PostFileAsync(route, file, multipart: true), c.Status, c.Reason, $"{route}: {name}");
        }
    }

    [Fact]
    public async Task The_valid_workbook_the_cases_start_from_is_read_rich_text_without_its_phonetic_guide_included()
    {
        var client = factory.CreateClient();
        var response = await client.PostAsync($"{UploadRoutes.Url(UploadRoutes.Actuals)}?dryRun=true",
            UploadRoutes.Raw(Valid().Build(), HostileInput.Xlsx.ToString()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var result = JsonNode.Parse(body)!;
        Assert.Equal(1, result["rows"]!.GetValue<int>()); // "Valore" was read from two runs, and the phonetic "x" left out
        Assert.Equal("2021_01.I2", (string?)result["changes"]![0]!["indicator"]);
    }

    [Fact]
    public async Task Parts_the_service_does_not_need_are_never_opened_whatever_they_hold()
    {
        // A styles part that is a 60 MB bomb nested 50,000 deep, an external link to another server, a deep calcChain:
        // none is read, so the file loads (dry run) at once.
        var file = Valid()
            .Part("xl/_rels/workbook.xml.rels", Relationships(("rId1", "worksheet", "worksheets/sheet1.xml", null), ("rId2", "sharedStrings", "sharedStrings.xml", null),
                ("rId3", "styles", "styles.xml", null), ("rId4", "externalLink", "externalLinks/externalLink1.xml", null),
                ("rId5", "calcChain", "calcChain.xml", null), ("rId6", "externalLinkPath", "http://evil.example/book.xlsx", "External")))
            .Part("xl/styles.xml", Repeated($"<styleSheet xmlns=\"{Main}\">" + Nested(50_000), " ", 60_000_000, "</styleSheet>"))
            .Part("xl/externalLinks/externalLink1.xml", $"<externalLink xmlns=\"{Main}\">{Nested(50_000)}</externalLink>")
            .Part("xl/externalLinks/_rels/externalLink1.xml.rels", Relationships(("rId1", "externalLinkPath", "file:///etc/passwd", "External")))
            .Part("xl/calcChain.xml", Nested(50_000))
            .Build();
        var client = factory.CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PostAsync($"{UploadRoutes.Url(UploadRoutes.Actuals)}?dryRun=true", UploadRoutes.Raw(file, HostileInput.Xlsx.ToString()));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed < HostileInput.Bound, $"{watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Two_plan_sheets_that_are_one_sheet_to_the_reader_are_a_400_not_a_silent_replacement()
    {
        // "Albero" and "Albèro" are different names to Excel and the same sheet to the plan reader (headers and sheets are
        // matched without case or accents): which one counts would be a guess.
        var file = Valid("Albero").Part("xl/workbook.xml", Workbook(("Albero", "rId1"), ("Albèro", "rId1"))).Build();
        var body = await HostileInput.AssertRefusedAsync(factory, client => client.PostFileAsync(UploadRoutes.Plan, file), Bad,
            "The workbook has the sheet Albero twice.", "Albero twice");
        Assert.Contains("foglio \"Albèro\"", JsonNode.Parse(body)!["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public void Cell_references_are_bounded_to_the_worksheet_and_read_in_constant_time()
    {
        Assert.Equal(0, OfficeFiles.ColumnIndex("A1"));
        Assert.Equal(0, OfficeFiles.ColumnIndex("a1"));
        Assert.Equal(27, OfficeFiles.ColumnIndex("AB12"));
        Assert.Equal(16_383, OfficeFiles.ColumnIndex("XFD1048576"));
        foreach (var outside in new[] { "XFE1", "A0", "A1048577", "FXSHRXW1", "FXSHRXX1", "AAAAAAA1", "1A", "A", "A1B", "A-1", "", new string('Z', 1_000_000) + "1" })
            Assert.Equal(-1, OfficeFiles.ColumnIndex(outside));
        Assert.Equal("XFD", OfficeFiles.ColumnName(16_383));
    }
}
