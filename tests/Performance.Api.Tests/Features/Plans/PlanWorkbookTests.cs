using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.OfficeTestFiles;
using Performance.Api.Features.Plans;

namespace Performance.Api.Tests.Features.Plans;

public sealed class PlanWorkbookTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>A client on this class's database, with the Cremona sample imported once.</summary>
    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        return client;
    }

    private static Task<HttpResponseMessage> ImportXlsxAsync(HttpClient client, byte[] workbook, bool replace = false)
    {
        var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(XlsxType);
        return client.PostAsync($"/api/plans/import/xlsx?replace={(replace ? "true" : "false")}", content);
    }

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["errors"]!.AsObject();
    }

    /// <summary>Edits a workbook: <paramref name="edit"/> gets the open document, the result is the saved bytes.</summary>
    private static byte[] Edit(byte[] bytes, Action<SpreadsheetDocument> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, true)) edit(document);
        return stream.ToArray();
    }

    private static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var entry = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(entry.Id!)).Worksheet;
    }

    /// <summary>Sets a cell (text, or a number when <paramref name="value"/> is a decimal), keeping the row's cells in column order.</summary>
    private static void SetCell(SpreadsheetDocument document, string sheet, string reference, object value)
    {
        var worksheet = Sheet(document, sheet);
        var rowIndex = uint.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()));
        var data = worksheet.GetFirstChild<SheetData>()!;
        var row = data.Elements<Row>().FirstOrDefault(r => r.RowIndex!.Value == rowIndex)
                  ?? throw new InvalidOperationException($"{sheet} has no row {rowIndex}");
        var cell = value is decimal d
            ? new Cell(new CellValue(d)) { CellReference = reference, DataType = CellValues.Number }
            : new Cell(new InlineString(new Text((string)value))) { CellReference = reference, DataType = CellValues.InlineString };
        var column = Column(reference);
        var existing = row.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (existing is not null) row.ReplaceChild(cell, existing);
        else row.InsertBefore(cell, row.Elements<Cell>().FirstOrDefault(c => Column(c.CellReference!) > column));
        worksheet.Save();
    }

    private static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1);

    private static Cell CellAt(SpreadsheetDocument document, string sheet, string reference) =>
        Sheet(document, sheet).Descendants<Cell>().Single(c => c.CellReference == reference);

    /// <summary>The column letter of a header in the first row of a sheet.</summary>
    private static string ColumnOf(SpreadsheetDocument document, string sheet, string header) =>
        new(Rows(document, sheet)[0].Elements<Cell>().Single(c => Text(c) == header).CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());

    /// <summary>The Piano row (1-based sheet row) whose Campo is <paramref name="label"/>.</summary>
    private static uint PlanRow(SpreadsheetDocument document, string label) =>
        Rows(document, "Piano").Single(r => r.Elements<Cell>().Any(c => c.CellReference!.Value!.StartsWith('A') && Text(c) == label)).RowIndex!.Value;

    [Fact]
    public async Task Template_is_a_valid_workbook_with_every_sheet_and_header()
    {
        var response = await factory.CreateClient().GetAsync("/api/plans/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType!.MediaType);
        using var document = OpenValid(await response.Content.ReadAsByteArrayAsync());
        var sheets = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Piano", "Albero", "Indicatori", "Strutture", "Ambiti", "LGG", "Riprogrammazioni", "Target per struttura", "Istruzioni"], sheets);
        var year = DateTime.UtcNow.Year;
        Assert.Equal(["Codice", "Nodo", "Nome", "Tipo", "Unità", "Polarità", "Peso", $"Target {year}", $"Target {year + 1}", $"Target {year + 2}",
            "Baseline anno", "Baseline valore", "Formula", "Numeratore", "Denominatore", "Fonte", "Frequenza", "Aggregazione", "Cap", "Ambito"],
            Rows(document, "Indicatori")[0].Elements<Cell>().Select(c => Text(c)!));
        Assert.Equal(["Codice", "Codice padre", "Livello", "Titolo", "Finalità", "Peso", "Struttura", "Strutture assegnate", "Responsabile", "Ambito",
            "Sottoambito", "Tipo progetto", "Anni", "Risorse (JSON)"], Rows(document, "Albero")[0].Elements<Cell>().Select(c => Text(c)!));
        // Piano lists its fields for whoever fills it in.
        Assert.Contains(Rows(document, "Piano"), r => r.Elements<Cell>().Any(c => Text(c) == "Codice piano"));
    }

    [Fact]
    public async Task Cremona_round_trips_through_the_workbook_as_a_copy_under_another_code()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync($"/api/plans/{Plan}/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        uint codeRow;
        using (var document = OpenValid(bytes))
        {
            // Weights and years are numbers, not texts that look like numbers.
            var weight = ColumnOf(document, "Albero", "Peso");
            Assert.Equal(CellValues.Number, CellAt(document, "Albero", $"{weight}2").DataType!.Value);
            Assert.Equal(CellValues.Number, CellAt(document, "Indicatori", $"{ColumnOf(document, "Indicatori", "Peso")}2").DataType!.Value);
            Assert.Equal(CellValues.Number, CellAt(document, "Piano", $"B{PlanRow(document, "Anno inizio")}").DataType!.Value);
            Assert.Equal("2021", Text(CellAt(document, "Piano", $"B{PlanRow(document, "Anno inizio")}")));
            Assert.Equal("Target 2021", Text(CellAt(document, "Indicatori", "H1")));
            codeRow = PlanRow(document, "Codice piano");
        }
        var copy = Edit(bytes, d => SetCell(d, "Piano", $"B{codeRow}", "PP-XLSX-COPY"));

        var form = new MultipartFormDataContent { { new ByteArrayContent(copy), "file", "piano.xlsx" } };
        var created = await client.PostAsync("/api/plans/import/xlsx", form);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal("PP-XLSX-COPY", (await created.ReadJsonAsync())["code"]!.GetValue<string>());

        var original = await client.GetJsonAsync($"/api/plans/{Plan}/export");
        var roundTripped = await client.GetJsonAsync("/api/plans/PP-XLSX-COPY/export");
        roundTripped["code"] = Plan;
        Assert.True(JsonNode.DeepEquals(original, roundTripped), roundTripped.ToJsonString());

        // The same workbook again is a duplicate, as for the JSON import; with replace it is accepted.
        Assert.Equal(HttpStatusCode.Conflict, (await ImportXlsxAsync(client, copy)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ImportXlsxAsync(client, copy, replace: true)).StatusCode);
    }

    [Fact]
    public async Task Structures_own_targets_round_trip_through_their_sheet_and_a_bad_one_is_named_by_cell()
    {
        var client = factory.CreateClient();
        var document = SmallPlan.Plan("WB-ST", structures: SmallPlan.Array(SmallPlan.Structure("TOSCANA", "Territorial"), SmallPlan.Structure("VENETO", "Territorial")),
            nodes: SmallPlan.Array(SmallPlan.Node("PNDD", structures: ["TOSCANA", "VENETO"], indicators: SmallPlan.Array(SmallPlan.Indicator("PNDD.I1", ">= 12475")))));
        document["nodes"]![0]!["indicators"]![0]!["structureTargets"] = JsonNode.Parse("""[ { "structure": "TOSCANA", "targets": { "2024": ">= 1361" } } ]""");
        await client.ImportOkAsync(document);

        var bytes = await client.GetByteArrayAsync("/api/plans/WB-ST/export.xlsx");
        uint codeRow;
        using (var workbook = OpenValid(bytes))
        {
            Assert.Equal(["Indicatore", "Struttura", "Target 2024"], Rows(workbook, "Target per struttura")[0].Elements<Cell>().Select(c => Text(c)!));
            Assert.Equal(["PNDD.I1", "TOSCANA", ">= 1361"], Rows(workbook, "Target per struttura")[1].Elements<Cell>().Select(c => Text(c)!));
            codeRow = PlanRow(workbook, "Codice piano");
        }
        var copy = Edit(bytes, d => SetCell(d, "Piano", $"B{codeRow}", "WB-ST-COPY"));
        Assert.Equal(HttpStatusCode.Created, (await ImportXlsxAsync(client, copy)).StatusCode);
        var original = await client.GetJsonAsync("/api/plans/WB-ST/export");
        var roundTripped = await client.GetJsonAsync("/api/plans/WB-ST-COPY/export");
        roundTripped["code"] = "WB-ST";
        Assert.True(JsonNode.DeepEquals(original, roundTripped), roundTripped.ToJsonString());

        var bad = Edit(copy, d =>
        {
            SetCell(d, "Piano", $"B{codeRow}", "WB-ST-BAD");
            SetCell(d, "Target per struttura", "B2", "NOWHERE");
            SetCell(d, "Target per struttura", "C2", "non inferiore al 2023");
        });
        var errors = await ErrorsAsync(await ImportXlsxAsync(client, bad));
        // The structure is unknown, so its targets are not read further: one error, on its cell.
        var only = Assert.Single(errors);
        Assert.Equal("Target per struttura, riga 1, colonna \"Struttura\" (cella B2)", only.Key);
        Assert.Equal("Unknown structure code 'NOWHERE'.", only.Value![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bad_target_and_an_unknown_parent_are_named_by_cell_with_the_json_import_messages_and_nothing_is_stored()
    {
        var client = await ClientAsync();
        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/export.xlsx");
        uint codeRow = 0;
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false)) codeRow = PlanRow(document, "Codice piano");
        var bad = Edit(bytes, d =>
        {
            SetCell(d, "Piano", $"B{codeRow}", "PP-XLSX-BAD");
            SetCell(d, "Indicatori", "H13", ">=80% <=90%");
            SetCell(d, "Albero", "B6", "NON-ESISTE");
        });

        var errors = await ErrorsAsync(await ImportXlsxAsync(client, bad));
        Assert.True(errors.ContainsKey("Indicatori, riga 12, colonna \"Target 2021\" (cella H13)"), errors.ToJsonString());
        var target = errors["Indicatori, riga 12, colonna \"Target 2021\" (cella H13)"]!.AsArray();
        var parent = errors["Albero, riga 5, colonna \"Codice padre\" (cella B6)"]!.AsArray();
        Assert.Equal("Unknown parent node code 'NON-ESISTE'.", parent.Single()!.GetValue<string>());
        Assert.Equal(2, errors.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/plans/PP-XLSX-BAD")).StatusCode);

        // The JSON import of the same mistake says the same thing about the same indicator (the 12th, depth first).
        var json = (await client.GetJsonAsync($"/api/plans/{Plan}/export")).AsObject();
        json["code"] = "PP-XLSX-BAD";
        var paths = new List<(JsonObject Indicator, string Path)>();
        void Walk(JsonArray nodes, string path)
        {
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i]!.AsObject();
                var indicators = node["indicators"]!.AsArray();
                for (var k = 0; k < indicators.Count; k++) paths.Add((indicators[k]!.AsObject(), $"{path}[{i}].indicators[{k}]"));
                Walk(node["children"]!.AsArray(), $"{path}[{i}].children");
            }
        }
        Walk(json["nodes"]!.AsArray(), "nodes");
        var (indicator, indicatorPath) = paths[11];
        indicator["targets"]!["2021"] = ">=80% <=90%";
        var jsonErrors = await ErrorsAsync(await client.ImportAsync(json));
        Assert.Equal(jsonErrors[$"{indicatorPath}.targets.2021"]!.ToJsonString(), target.ToJsonString());
    }

    [Fact]
    public async Task A_schedule_in_a_target_cell_stores_each_year_and_its_warnings_come_back_placed_on_that_cell()
    {
        var client = await ClientAsync();
        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/export.xlsx");
        uint codeRow;
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false)) codeRow = PlanRow(document, "Codice piano");
        // Row 13 is 2021_01_02_05.I1 (higher is better, "3" for 2021 only): one cell now gives all three years.
        var edited = Edit(bytes, d =>
        {
            SetCell(d, "Piano", $"B{codeRow}", "PP-XLSX-SCHED");
            SetCell(d, "Indicatori", "H13", "2021: 3; 2022: 4; 2023: 5");
        });

        var created = await ImportXlsxAsync(client, edited);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var onCell = JsonNode.Parse(body)!["warnings"]!.AsArray()
            .Where(w => (string?)w!["location"]?["cell"] == "H13").Select(w => w!).ToList();
        Assert.Equal(["OperatorInferred", "OperatorInferred", "OperatorInferred"], onCell.Select(w => (string)w["code"]!));
        Assert.Equal(["2021: ", "2022: ", "2023: "], onCell.Select(w => ((string)w["message"]!)[..6]));
        Assert.All(onCell, w =>
        {
            Assert.Equal("Indicatori", (string?)w["location"]!["sheet"]);
            Assert.Equal(12, (int)w["location"]!["row"]!);
            Assert.Equal("Target 2021", (string?)w["location"]!["column"]);
            Assert.EndsWith(".targets.2021", (string)w["path"]!, StringComparison.Ordinal);
        });

        var exported = await client.GetJsonAsync("/api/plans/PP-XLSX-SCHED/export");
        var indicator = exported["nodes"]!.AsArray().SelectMany(Flatten).SelectMany(n => n["indicators"]!.AsArray())
            .Single(i => (string?)i!["code"] == "2021_01_02_05.I1")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "2021": "3", "2022": "4", "2023": "5" }"""), indicator["targets"]), indicator["targets"]!.ToJsonString());

        // Exported again, each year is in its own column.
        using var again = OpenValid(await client.GetByteArrayAsync("/api/plans/PP-XLSX-SCHED/export.xlsx"));
        Assert.Equal(["3", "4", "5"], new[] { "H13", "I13", "J13" }.Select(c => Text(CellAt(again, "Indicatori", c))));

        static IEnumerable<JsonNode> Flatten(JsonNode? node) => new[] { node! }.Concat(node!["children"]!.AsArray().SelectMany(Flatten));
    }

    [Fact]
    public async Task Text_in_a_numeric_column_is_named_by_cell_together_with_the_other_errors()
    {
        var client = await ClientAsync();
        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/export.xlsx");
        var bad = Edit(bytes, d =>
        {
            SetCell(d, "Albero", "F4", "molto");
            SetCell(d, "Indicatori", "A3", "2021_01.I1"); // the code of row 1 again
        });
        var errors = await ErrorsAsync(await ImportXlsxAsync(client, bad, replace: true));
        Assert.Equal("'molto' is not a number (write 1.234,56 or 1234.56).",
            errors["Albero, riga 3, colonna \"Peso\" (cella F4)"]!.AsArray().Single()!.GetValue<string>());
        Assert.Contains("Duplicate indicator code", errors["Indicatori, riga 2, colonna \"Codice\" (cella A3)"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task A_new_plan_from_a_filled_in_template_reads_italian_labels_and_numbers_written_as_text()
    {
        var client = factory.CreateClient();
        var template = await client.GetByteArrayAsync("/api/plans/template.xlsx");
        var year = DateTime.UtcNow.Year;
        var filled = Edit(template, d =>
        {
            uint Row(string label) => PlanRow(d, label);
            SetCell(d, "Piano", $"B{Row("Ente codice")}", "TEST");
            SetCell(d, "Piano", $"B{Row("Ente nome")}", "Ente di prova");
            SetCell(d, "Piano", $"B{Row("Codice piano")}", "PP-XLSX-NEW");
            SetCell(d, "Piano", $"B{Row("Titolo")}", "Piano da foglio");
            SetCell(d, "Piano", $"B{Row("Anno inizio")}", (decimal)year);
            SetCell(d, "Piano", $"B{Row("Anno fine")}", $"{year + 2}"); // a year typed as text
            var tree = Sheet(d, "Albero").GetFirstChild<SheetData>()!;
            tree.Append(new Row { RowIndex = 2 }, new Row { RowIndex = 3 });
            SetCell(d, "Albero", "A2", "M1");
            SetCell(d, "Albero", "C2", "Mandato");
            SetCell(d, "Albero", "D2", "Mandato di prova");
            SetCell(d, "Albero", "A3", "OS1");
            SetCell(d, "Albero", "B3", "M1");
            SetCell(d, "Albero", "C3", "Obiettivo strategico");
            SetCell(d, "Albero", "D3", "Obiettivo");
            SetCell(d, "Albero", "F3", "1,5");
            SetCell(d, "Albero", "G3", "S1");
            SetCell(d, "Albero", "J3", "VP1");
            SetCell(d, "Albero", "M3", $"{year}, {year + 1}");
            Sheet(d, "Indicatori").GetFirstChild<SheetData>()!.Append(new Row { RowIndex = 2 });
            SetCell(d, "Indicatori", "A2", "OS1.I1");
            SetCell(d, "Indicatori", "B2", "OS1");
            SetCell(d, "Indicatori", "C2", "Pratiche evase");
            SetCell(d, "Indicatori", "G2", "2");
            SetCell(d, "Indicatori", "H2", ">=1.000");
            SetCell(d, "Indicatori", "J2", ">=1.200");
            SetCell(d, "Indicatori", "K2", (decimal)(year - 1));
            SetCell(d, "Indicatori", "L2", "950,5");
            Sheet(d, "Strutture").GetFirstChild<SheetData>()!.Append(new Row { RowIndex = 2 });
            SetCell(d, "Strutture", "A2", "S1");
            SetCell(d, "Strutture", "B2", "Ufficio unico");
            SetCell(d, "Strutture", "C2", "Territoriale");
            SetCell(d, "Strutture", "G2", "1.234,5");
            Sheet(d, "Ambiti").GetFirstChild<SheetData>()!.Append(new Row { RowIndex = 2 }, new Row { RowIndex = 3 });
            SetCell(d, "Ambiti", "A2", "VP1");
            SetCell(d, "Ambiti", "B2", "Valore economico");
            SetCell(d, "Ambiti", "C2", 60m);
            SetCell(d, "Ambiti", "A3", "VP1.1");
            SetCell(d, "Ambiti", "B3", "Imprese");
            SetCell(d, "Ambiti", "D3", "VP1");
        });

        var form = new MultipartFormDataContent { { new ByteArrayContent(filled), "file", "nuovo.xlsx" } };
        var created = await client.PostAsync("/api/plans/import/xlsx", form);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var plan = await client.GetJsonAsync("/api/plans/PP-XLSX-NEW/export");
        Assert.Equal(year + 2, plan["endYear"]!.GetValue<int>());
        var mission = plan["nodes"]!.AsArray().Single()!;
        Assert.Equal("Mission", mission["kind"]!.GetValue<string>());
        var objective = mission["children"]!.AsArray().Single()!;
        Assert.Equal("StrategicObjective", objective["kind"]!.GetValue<string>());
        Assert.Equal(1.5m, objective["weight"]!.GetValue<decimal>());
        Assert.Equal([year, year + 1], objective["years"]!.AsArray().Select(y => y!.GetValue<int>()));
        var indicator = objective["indicators"]!.AsArray().Single()!;
        Assert.Equal(">=1.000", indicator["targets"]![$"{year}"]!.GetValue<string>());
        Assert.Equal(">=1.200", indicator["targets"]![$"{year + 2}"]!.GetValue<string>());
        Assert.Equal(950.5m, indicator["baseline"]!["value"]!.GetValue<decimal>());
        var structure = plan["structures"]!.AsArray().Single()!;
        Assert.Equal("Territorial", structure["kind"]!.GetValue<string>());
        Assert.Equal(1234.5m, structure["volumes"]![$"{year}"]!.GetValue<decimal>());
        Assert.Equal("VP1.1", plan["valueAreas"]![0]!["subAreas"]![0]!["code"]!.GetValue<string>());

        // Exported again, the volume is a numeric cell.
        using var exported = OpenValid(await client.GetByteArrayAsync("/api/plans/PP-XLSX-NEW/export.xlsx"));
        var volume = CellAt(exported, "Strutture", $"{ColumnOf(exported, "Strutture", $"Volume {year}")}2");
        Assert.Equal(CellValues.Number, volume.DataType!.Value);
        Assert.Equal(1234.5m, decimal.Parse(volume.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_workbook_of_the_wrong_shape_is_a_400_naming_sheets_and_headers()
    {
        var client = await ClientAsync();
        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/export.xlsx");
        var missing = Edit(bytes, d =>
        {
            var workbook = d.WorkbookPart!;
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "Indicatori");
            workbook.DeletePart(sheet.Id!);
            sheet.Remove();
            workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == "LGG").Name = "Foglio1";
            SetCell(d, "Albero", "E1", "Titolo");
        });
        var errors = await ErrorsAsync(await ImportXlsxAsync(client, missing, replace: true));
        Assert.Contains("missing", errors["foglio \"Indicatori\""]!.AsArray().Single()!.GetValue<string>());
        Assert.Contains("Unknown sheet", errors["foglio \"Foglio1\""]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("Column \"Titolo\" appears twice.",
            errors["Albero, intestazione, colonna \"Titolo\" (cella E1)"]!.AsArray().Single()!.GetValue<string>());
    }

    [Fact]
    public async Task Corrupt_empty_and_csv_files_are_400_never_500()
    {
        var client = await ClientAsync();
        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/export.xlsx");
        byte[][] files =
        [
            [],
            "PK\u0003\u0004 not a zip at all"u8.ToArray(),
            bytes[..(bytes.Length / 2)],
            "Codice;Nome\r\nA;B\r\n"u8.ToArray(),
        ];
        foreach (var file in files)
        {
            var response = await ImportXlsxAsync(client, file);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{file.Length} bytes: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task Only_plan_editors_import_plan_readers_export_and_anonymous_callers_get_nothing()
    {
        var client = await ClientAsync();
        var bytes = await client.GetByteArrayAsync($"/api/plans/{Plan}/export.xlsx");
        // A viewer reads scores, not plans (Policies.ReadPlans); an OIV reads plans but does not edit them.
        var viewer = factory.CreateClientAs(TestIdentities.Key("Viewer", "CCIAA-CR"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportXlsxAsync(viewer, bytes, replace: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/plans/{Plan}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/plans/template.xlsx")).StatusCode);
        var oiv = factory.CreateClientAs(TestIdentities.Key("Oiv", "CCIAA-CR"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportXlsxAsync(oiv, bytes, replace: true)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oiv.GetAsync($"/api/plans/{Plan}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await oiv.GetAsync("/api/plans/template.xlsx")).StatusCode);
        // Another organization's administrator neither sees the plan nor imports a workbook of its organization.
        var other = factory.CreateClientAs(TestIdentities.Key("Admin", "OTHER"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/plans/{Plan}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportXlsxAsync(other, bytes, replace: true)).StatusCode);

        var anonymous = factory.CreateClientAs(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ImportXlsxAsync(anonymous, bytes, replace: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/plans/{Plan}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/plans/template.xlsx")).StatusCode);
    }
}
