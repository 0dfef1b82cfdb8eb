using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.OfficeTestFiles;

namespace Performance.Api.Tests.Features.Actuals;

public sealed class ActualsUploadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>A client on this class's database, with the Cremona sample imported once.</summary>
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        return client;
    }

    private static async Task<JsonArray> ActualsAsync(HttpClient client, string indicator) =>
        (JsonArray)JsonNode.Parse(await client.GetStringAsync($"/api/indicators/{Plan}:{indicator}/actuals?year=2021"))!;

    [Fact]
    public async Task Xlsx_template_filled_in_with_a_numeric_cell_uploads_and_changes_the_scorecard()
    {
        var client = await ClientAsync();
        var before = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2022"))!;
        Assert.Null(before["score"]);

        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/actuals/template?year=2022&format=xlsx");
        using (OpenValid(bytes)) { }
        using var edited = new MemoryStream();
        edited.Write(bytes);
        int dataRow;
        using (var document = SpreadsheetDocument.Open(edited, true))
        {
            var rows = Rows(document, "Consuntivi");
            var row = rows.First(r => r.Elements<Cell>().Any(c => Text(c) == "2021_01.I1"));
            dataRow = (int)row.RowIndex!.Value;
            // Valore is column H: a real numeric cell, as Excel stores a typed number.
            row.Append(new Cell(new CellValue(85.5m)) { CellReference = $"H{dataRow}", DataType = CellValues.Number });
            document.WorkbookPart!.WorksheetParts.First().Worksheet.Save();
        }

        var upload = await client.UploadFormAsync(edited.ToArray(), "consuntivi.xlsx");
        Assert.True(upload.StatusCode == HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        var after = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2022"))!;
        Assert.NotNull(after["score"]);
        var stored = (await ActualsAsync(client, "2021_01.I1")).ToList();
        Assert.Empty(stored); // 2021 untouched
        var y2022 = (JsonArray)JsonNode.Parse(await client.GetStringAsync($"/api/indicators/{Plan}:2021_01.I1/actuals?year=2022"))!;
        Assert.Equal(85.5m, y2022.Single()!["current"]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Rows_with_no_consuntivo_column_filled_in_are_skipped_and_a_row_with_only_a_note_is_refused_for_its_missing_figure()
    {
        var client = await ClientAsync();
        var empty = await (await client.UploadAsync(Encoding.UTF8.GetBytes("Codice;Anno;Periodo;Valore;Nota\r\n2021_01.I2;2021;Y;;\r\n"), "text/csv", dryRun: true))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("No consuntivo to load: 1 row(s) have none of Valore, Numeratore, Denominatore, Fatto, Completamento %, Completato il, Nota, Giustificazione filled in.",
            (string?)empty["errors"]!["file"]![0]);

        // A note alone was written by someone: the row is read, and refused where its figure is missing, never dropped unseen.
        var noteOnly = await (await client.UploadAsync(Encoding.UTF8.GetBytes("Codice;Anno;Periodo;Valore;Nota\r\n2021_01.I2;2021;Y;;dato in arrivo\r\n"), "text/csv", dryRun: true))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var (place, messages) = noteOnly["errors"]!.AsObject().Single();
        Assert.Equal("riga 1, colonna \"Valore\" (cella D2)", place);
        Assert.StartsWith("Give a value, a numerator and denominator, or a milestone state", (string?)messages![0]);
    }

    [Fact]
    public async Task Semicolon_csv_with_bom_and_italian_decimals_is_read()
    {
        var client = await ClientAsync();
        var csv = "\uFEFFCodice;Anno;Periodo;Valore;Nota\r\n2021_01.I2;2021;Y;1.234,5;prima\r\n2021_01_01_01.I1;2021;Y;10,00;seconda\r\n";
        var response = await client.UploadAsync(Encoding.UTF8.GetBytes(csv), "text/csv");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(1234.5m, (await ActualsAsync(client, "2021_01.I2")).Last()!["current"]!["value"]!.GetValue<decimal>());
        Assert.Equal(10m, (await ActualsAsync(client, "2021_01_01_01.I1")).Last()!["current"]!["value"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Comma_csv_in_windows_1252_keeps_accented_text_and_plain_numbers()
    {
        var client = await ClientAsync();
        var text = "Codice,Indicatore,Unità,Anno,Periodo,Valore,Giustificazione\r\n"
                   + "2021_01_02_04.I1,\"Qualità, più attività\",n,2021,Y,1234.56,Attività è già completata\r\n";
        var bytes = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);
        Assert.DoesNotContain((byte)0xC3, bytes); // really not UTF-8
        var response = await client.UploadAsync(bytes, "text/csv");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var current = (await ActualsAsync(client, "2021_01_02_04.I1")).Last()!["current"]!;
        Assert.Equal(1234.56m, current["value"]!.GetValue<decimal>());
        Assert.Equal("Attività è già completata", current["justification"]!.GetValue<string>());
    }

    [Fact]
    public async Task One_bad_cell_among_5000_rows_stores_nothing_and_names_the_cell()
    {
        var client = await ClientAsync();
        var rows = new List<string[]> { new[] { "Codice", "Anno", "Periodo", "Valore" } };
        for (var i = 1; i <= 5000; i++) rows.Add(["2021_02_01_03.I1", "2021", "Y", i == 4321 ? "12,3,4" : (i % 7).ToString("0", Italian) + ",5"]);
        var response = await client.UploadAsync(Encoding.UTF8.GetBytes(Csv(rows)), "text/csv");
        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = body["errors"]!.AsObject();
        Assert.Single(errors);
        Assert.Equal("riga 4321, colonna \"Valore\" (cella D4322)", errors.Single().Key);
        Assert.Contains("12,3,4", errors.Single().Value![0]!.GetValue<string>());
        Assert.Empty(await ActualsAsync(client, "2021_02_01_03.I1"));
    }

    [Fact]
    public async Task Rule_errors_come_back_as_rows_and_columns()
    {
        var client = await ClientAsync();
        var csv = "Codice;Anno;Periodo;Valore\r\n2021_01.I2;2021;Y;5\r\nNOPE;2021;Y;5\r\n2021_01.I2;2031;Q9;5\r\n";
        var response = await client.UploadAsync(Encoding.UTF8.GetBytes(csv), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("riga 2, colonna \"Codice\" (cella A3)", errors);
        Assert.Contains("riga 3, colonna \"Anno\" (cella B4)", errors);
        Assert.Contains("riga 3, colonna \"Periodo\" (cella C4)", errors);
    }

    [Fact]
    public async Task Dry_run_reports_revisions_and_stores_nothing()
    {
        var client = await ClientAsync();
        var first = await client.UploadAsync(Encoding.UTF8.GetBytes("Codice;Anno;Periodo;Valore\r\n2021_02_01_02.I1;2021;Y;1\r\n"), "text/csv");
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());

        var csv = "Codice;Anno;Periodo;Valore\r\n2021_02_01_02.I1;2021;Y;2\r\n;;;\r\n2021_04_02_03.I2;2021;Y;3\r\n";
        var response = await client.UploadAsync(Encoding.UTF8.GetBytes(csv), "text/csv", dryRun: true);
        var result = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToJsonString());
        Assert.True(result["dryRun"]!.GetValue<bool>());
        Assert.Equal(0, result["stored"]!.GetValue<int>());
        Assert.Equal(1, result["newRevisions"]!.GetValue<int>());
        var changes = result["changes"]!.AsArray();
        Assert.Equal(2, changes.Count);
        Assert.Equal((1, "2021_02_01_02.I1", 2), (changes[0]!["row"]!.GetValue<int>(), changes[0]!["indicator"]!.GetValue<string>(), changes[0]!["revision"]!.GetValue<int>()));
        Assert.Equal((3, "2021_04_02_03.I2", 1), (changes[1]!["row"]!.GetValue<int>(), changes[1]!["indicator"]!.GetValue<string>(), changes[1]!["revision"]!.GetValue<int>()));

        Assert.Single((await ActualsAsync(client, "2021_02_01_02.I1")).Single()!["revisions"]!.AsArray());
        Assert.Empty(await ActualsAsync(client, "2021_04_02_03.I2"));
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("binary")]
    [InlineData("corrupt-xlsx")]
    [InlineData("wrong-headers")]
    [InlineData("no-separator")]
    [InlineData("only-header")]
    public async Task Bad_files_are_400_saying_what(string kind)
    {
        var client = await ClientAsync();
        var (bytes, type, expected) = kind switch
        {
            "empty" => (Array.Empty<byte>(), "text/csv", "empty"),
            "binary" => (new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, "text/csv", "not a CSV"),
            "corrupt-xlsx" => ("PK\u0003\u0004 this is not a zip"u8.ToArray(), XlsxType, "cannot be opened"),
            "wrong-headers" => ("Codice;Anno;Periodo;Valroe\r\n2021_01.I2;2021;Y;5\r\n"u8.ToArray(), "text/csv", "Valroe"),
            "no-separator" => ("hello world\r\n"u8.ToArray(), "text/csv", "separator"),
            _ => ("Codice;Anno;Periodo;Valore\r\n"u8.ToArray(), "text/csv", "No consuntivo"),
        };
        var response = await client.UploadAsync(bytes, type);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains(expected, body);
    }
}
