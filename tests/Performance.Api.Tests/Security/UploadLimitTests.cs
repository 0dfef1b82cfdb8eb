using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Performance.Api.Infrastructure.Files;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Security.WorkbookBuilder;

namespace Performance.Api.Tests.Security;

/// <summary>Every upload limit set low enough to be reached with a small file.</summary>
public sealed class TightUploadsFactory : HostileInputFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Limits =>
    [
        new("Uploads:MaxRows", "100"), new("Uploads:MaxColumns", "30"), new("Uploads:MaxCells", "1000"), new("Uploads:MaxCellCharacters", "1000"),
        new("Uploads:MaxSharedStrings", "2000"), new("Uploads:MaxSharedStringCharacters", "100000"), new("Uploads:MaxPartBytes", "2000000"),
        new("Uploads:MaxUncompressedBytes", "2500000"), new("Uploads:MaxZipEntries", "30"), new("Uploads:MaxXmlDepth", "16"),
        new("Uploads:MaxFormParts", "3"), new("Uploads:MaxPartHeaderBytes", "1024"), new("Limits:MaxRequestBodyBytes", "4000000"),
    ];
}

/// <summary>Each limit of the <c>Uploads</c> section, reached: a 413 naming it and its key, nothing stored, no spool file left.</summary>
public sealed class UploadLimitTests(TightUploadsFactory factory) : IClassFixture<TightUploadsFactory>
{
    private const HttpStatusCode Limit = HttpStatusCode.RequestEntityTooLarge;

    private Task Refused(string route, byte[] file, string reason, bool multipart = false) =>
        HostileInput.AssertRefusedAsync(factory, client => client.PostFileAsync(route, file, multipart), Limit, reason, $"{route}: {reason}");

    private Task RefusedCsv(string csv, string reason) =>
        HostileInput.AssertRefusedAsync(factory, client => client.PostAsync(UploadRoutes.Url(UploadRoutes.Actuals), UploadRoutes.Raw(Encoding.UTF8.GetBytes(csv), "text/csv")),
            Limit, reason, reason);

    private static string Rows(int from, int count, int width = 4) =>
        string.Concat(Enumerable.Range(from, count).Select(r => $"<row r=\"{r}\">" + string.Concat(Enumerable.Range(0, width).Select(c => $"<c r=\"{OfficeFiles.ColumnName(c)}{r}\"><v>{c}</v></c>")) + "</row>"));

    /// <summary>A sheet of about <paramref name="bytes"/> that hardly compresses: random digits in a comment, which are read but hold no rows.</summary>
    private static string RandomSheet(int bytes)
    {
        var random = new Random(5);
        var text = new StringBuilder(SheetStart + HeaderRows + "<!--");
        while (text.Length < bytes) text.Append(random.NextInt64());
        return text.Append("-->").Append(SheetEnd).ToString();
    }

    [Theory]
    [InlineData(UploadRoutes.Actuals)]
    [InlineData(UploadRoutes.Plan)]
    public async Task Rows_columns_cells_and_depth(string route)
    {
        var sheet = UploadRoutes.Sheet(route);
        await Refused(route, Valid(sheet, Rows(3, 99)).Build(), "The file has more rows than allowed: the limit is 100 (Uploads:MaxRows).");
        await Refused(route, Valid(sheet, Rows(3, 1, width: 31)).Build(), "Row 3 has more cells than allowed: the limit is 30 (Uploads:MaxColumns).");
        await Refused(route, Valid(sheet, """<row r="3"><c r="AE3"><v>1</v></c></row>""").Build(), "The cell AE3 is past the last column allowed (AD)");
        await Refused(route, Valid(sheet, Rows(3, 40, width: 30)).Build(), "The file has more cells than allowed: the limit is 1,000 (Uploads:MaxCells).");
        await Refused(route, Valid(sheet, $"""<row r="3">{Nested(15)}</row>""").Build(), "nests elements deeper than allowed: the limit is 16 (Uploads:MaxXmlDepth).");
        await Refused(route, Valid(sheet, $"""<row r="3"><c r="A3" t="inlineStr"><is><t>{new string('x', 1001)}</t></is></c></row>""").Build(),
            "A cell holds more characters than allowed: the limit is 1,000 (Uploads:MaxCellCharacters).");
    }

    [Theory]
    [InlineData(UploadRoutes.Actuals)]
    [InlineData(UploadRoutes.Plan)]
    public async Task Shared_strings_parts_and_the_zip(string route)
    {
        var sheet = UploadRoutes.Sheet(route);
        await Refused(route, Valid(sheet, sharedStrings: string.Concat(Enumerable.Repeat("<si><t>x</t></si>", 2000))).Build(),
            "more shared strings than allowed: the limit is 2,000 (Uploads:MaxSharedStrings).");
        await Refused(route, Valid(sheet, sharedStrings: string.Concat(Enumerable.Range(0, 130).Select(i => $"<si><t>{i}{new string('y', 800)}</t></si>"))).Build(),
            "The workbook's shared strings hold more characters than allowed: the limit is 100,000 (Uploads:MaxSharedStringCharacters).");
        await Refused(route, Valid(sheet).Part(SheetPart, RandomSheet(2_100_000)).Build(), "(Uploads:MaxPartBytes).");
        await Refused(route, Enumerable.Range(0, 25).Aggregate(Valid(sheet), (b, i) => b.Part($"docProps/extra{i}.xml", "<x/>")).Build(),
            "The workbook's zip has more entries than allowed: the limit is 30 (Uploads:MaxZipEntries).");
        await Refused(route, Valid(sheet).Part("xl/_rels/workbook.xml.rels", Relationships(Enumerable.Range(1, 31)
            .Select(i => ($"rId{i}", "worksheet", "worksheets/sheet1.xml", (string?)null)).ToArray())).Build(), "lists more relationships than a workbook can have parts");
    }

    [Fact]
    public async Task A_part_past_its_limit_is_explained_in_Italian_by_default() =>
        await HostileInput.AssertRefusedAsync(factory, client =>
        {
            client.DefaultRequestHeaders.AcceptLanguage.Clear();
            return client.PostFileAsync(UploadRoutes.Actuals, Valid(UploadRoutes.Sheet(UploadRoutes.Actuals)).Part(SheetPart, RandomSheet(2_100_000)).Build());
        }, Limit, "decompressa occupa", "a part past Uploads:MaxPartBytes, in Italian");

    [Fact]
    public async Task All_the_parts_read_together()
    {
        // Two sheets of 1.5 MB: each under Uploads:MaxPartBytes, together over Uploads:MaxUncompressedBytes (the plan route reads every sheet).
        var file = Valid("Albero")
            .Part("xl/workbook.xml", Workbook(("Albero", "rId1"), ("Indicatori", "rId3")))
            .Part("xl/_rels/workbook.xml.rels", Relationships(("rId1", "worksheet", "worksheets/sheet1.xml", null), ("rId2", "sharedStrings", "sharedStrings.xml", null),
                ("rId3", "worksheet", "worksheets/sheet2.xml", null)))
            .Part(SheetPart, RandomSheet(1_500_000)).Part("xl/worksheets/sheet2.xml", RandomSheet(1_500_000)).Build();
        await Refused(UploadRoutes.Plan, file, "The workbook decompresses to more bytes than allowed: the limit is 2,500,000 (Uploads:MaxUncompressedBytes).");
    }

    [Fact]
    public async Task Csv_rows_and_columns()
    {
        await RefusedCsv("Codice;Anno;Periodo;Valore\r\n" + string.Concat(Enumerable.Repeat("2021_01.I2;2021;Y;5\r\n", 100)),
            "The file has more rows than allowed: the limit is 100 (Uploads:MaxRows).");
        await RefusedCsv("Codice;Anno;Periodo;Valore" + string.Concat(Enumerable.Repeat(";x", 27)) + "\r\n", "Row 1 has more columns than allowed: the limit is 30 (Uploads:MaxColumns).");
    }

    [Fact]
    public async Task Multipart_parts_headers_and_the_body_limit()
    {
        const string b = "tight";
        string Part(string name, string content, string extra = "") =>
            $"--{b}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}.csv\"{extra}\r\n\r\n{content}\r\n";
        async Task Refused(string body, HttpStatusCode status, string reason) => await HostileInput.AssertRefusedAsync(factory,
            client => client.PostAsync(UploadRoutes.Url(UploadRoutes.Actuals), UploadRoutes.Raw(Encoding.UTF8.GetBytes(body), $"multipart/form-data; boundary={b}")),
            status, reason, reason);

        await Refused(Part("a", "x") + Part("b", "x") + Part("c", "x") + Part("d", "x") + $"--{b}--\r\n", Limit,
            "The multipart body has more parts than allowed: the limit is 3 (Uploads:MaxFormParts).");
        await Refused(Part("a", "x", "\r\nX-Padding: " + new string('p', 2048)) + $"--{b}--\r\n", Limit, "(Uploads:MaxPartHeaderBytes).");
        // The body limit stays the body limit (413), not a "truncated form", also when the body has no declared length.
        await HostileInput.AssertRefusedAsync(factory, client =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, UploadRoutes.Url(UploadRoutes.Actuals))
            {
                Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Part("a", new string('x', 4_100_000)) + $"--{b}--\r\n"))),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={b}");
            request.Headers.TransferEncodingChunked = true;
            return client.SendAsync(request);
        }, Limit, "larger than the limit of 4000000 bytes", "chunked body over the limit");
        Assert.Empty(HostileInput.Spooled(factory));
    }
}

/// <summary>A read time of 1 ms: any real file takes longer.</summary>
public sealed class SlowReadFactory : HostileInputFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Limits => [new("Uploads:MaxReadTime", "00:00:00.001")];
}

public sealed class UploadReadTimeTests(SlowReadFactory factory) : IClassFixture<SlowReadFactory>
{
    [Fact]
    public async Task A_file_that_takes_longer_than_the_read_time_is_a_413_naming_it()
    {
        var rows = string.Concat(Enumerable.Range(3, 20_000).Select(r => $"<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>"));
        foreach (var route in UploadRoutes.Both)
            await HostileInput.AssertRefusedAsync(factory, client => client.PostFileAsync(route, Valid(UploadRoutes.Sheet(route), rows).Build()),
                HttpStatusCode.RequestEntityTooLarge, "longer than 0.001 s (Uploads:MaxReadTime)", route);
        var csv = "Codice;Anno;Periodo;Valore\r\n" + string.Concat(Enumerable.Repeat("2021_01.I2;2021;Y;5\r\n", 20_000));
        await HostileInput.AssertRefusedAsync(factory,
            client => client.PostAsync(UploadRoutes.Url(UploadRoutes.Actuals), UploadRoutes.Raw(Encoding.UTF8.GetBytes(csv), "text/csv")),
            HttpStatusCode.RequestEntityTooLarge, "(Uploads:MaxReadTime)", "csv");
    }
}

/// <summary>What a killed upload leaves in the spool directory is gone when the service starts again; nothing else is touched.</summary>
public sealed class SpoolCleanupTests
{
    private sealed class Restarted(string spool) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Uploads:SpoolDirectory", spool)];
    }

    [Fact]
    public async Task Stale_spool_files_are_deleted_at_start_up_and_new_ones_never_have_a_name()
    {
        var spool = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"performance-spool-restart-{Guid.NewGuid():N}")).FullName;
        try
        {
            var stale = Path.Combine(spool, UploadBody.SpoolPrefix + "left-by-a-killed-process");
            var other = Path.Combine(spool, "not-ours.txt");
            await File.WriteAllTextAsync(stale, "Codice;Anno");
            await File.WriteAllTextAsync(other, "keep");
            using var factory = new Restarted(spool);
            var client = factory.CreateClient();
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(other));

            // During an upload the spool file exists only as an open handle (no name a crash could leave behind).
            await client.EnsureCremonaAsync();
            var response = await client.PostAsync($"/api/plans/{Documents.CremonaCode}/actuals/upload?dryRun=true",
                UploadRoutes.Raw("Codice;Anno;Periodo;Valore\r\n2021_01.I2;2021;Y;5\r\n"u8.ToArray(), "text/csv"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Assert.Equal([other], Directory.GetFiles(spool));
        }
        finally
        {
            Directory.Delete(spool, recursive: true);
        }
    }
}

/// <summary>The defaults let real files through: the service's own 100,000-row workbook, Excel-style shared strings, the INPS plan.</summary>
public sealed class UploadDefaultsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void A_100000_row_consuntivi_workbook_is_read_within_the_default_limits()
    {
        string[] headers = ["Codice", "Indicatore", "Unità", "Target", "Anno", "Periodo", "Struttura", "Valore", "Numeratore", "Denominatore", "Fatto",
            "Completamento %", "Completato il", "Nota", "Giustificazione"];
        IEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < 100_000; i++)
                yield return [$"2021_0{i % 9}.I{i % 7}", "Percentuale di pratiche evase entro i termini", "%", ">= 80%", 2021, $"M{i % 12 + 1:00}", "CR-SG",
                    i % 1000 / 10m, null, null, null, null, null, $"nota {i}", null];
        }
        var bytes = OfficeFiles.WriteXlsx([new OfficeTable("Consuntivi", headers, Rows())]);
        using var workbook = XlsxWorkbook.Open(new MemoryStream(bytes), new FileBudget(new UploadOptions(), new FakeTimeProvider()));
        var count = 0;
        TableRow? last = null;
        foreach (var row in workbook.ReadSheet("Consuntivi")!)
        {
            count++;
            last = row;
        }
        Assert.Equal(100_001, count);
        Assert.Equal(100_001, last!.Number);
        Assert.Equal(("2021_00.I4", "99.9", "nota 99999"), (last[0], last[7], last[13]));
        Assert.True(last.IsNumeric(7));
    }

    [Fact]
    public async Task The_inps_plan_workbook_imports_back_under_another_code()
    {
        var client = factory.CreateClient();
        await client.ImportSampleAsync("inps-2024.json");
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(Repository.SamplePath("inps-2024.json")))!;
        var exported = await client.GetByteArrayAsync($"/api/plans/{(string)plan["code"]!}/export.xlsx");
        var copy = RenamePlan(exported, (string)plan["code"]!, "INPS-COPIA");
        var response = await client.PostAsync("/api/plans/import/xlsx", UploadRoutes.Raw(copy, HostileInput.Xlsx.ToString()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, TrustKit.Truncate(await response.Content.ReadAsStringAsync(), 2000));
    }

    /// <summary>The plan code is an inline string of the Piano sheet: the same bytes, another code.</summary>
    private static byte[] RenamePlan(byte[] workbook, string code, string copy)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).ToList())
            {
                string text;
                using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
                if (!text.Contains($">{code}<", StringComparison.Ordinal)) continue;
                var name = entry.FullName;
                entry.Delete();
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text.Replace($">{code}<", $">{copy}<", StringComparison.Ordinal));
            }
        }
        return buffer.ToArray();
    }
}
