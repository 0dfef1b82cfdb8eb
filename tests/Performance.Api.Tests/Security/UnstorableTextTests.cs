using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>
/// Issue 11.2: a node title with U+FFFF was accepted, after which export.xlsx and scorecard.xlsx answered 500 to everyone.
/// Such characters are refused at every text input with a 400 naming the field, and the writers never fail on stored text
/// anyway (text written into the database behind the service's back comes out as U+FFFD).
/// </summary>
public sealed class UnstorableTextTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Plan = Documents.CremonaCode;

    public static TheoryData<string> Forbidden() => ["\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u000E", "\u001F", "\uFFFE", "\uFFFF"];

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        return client;
    }

    [Fact]
    public async Task A_title_with_U_FFFF_is_a_400_naming_the_field_and_the_exports_keep_answering()
    {
        var client = await ClientAsync();
        var node = await client.GetAsync($"/api/plans/{Plan}/nodes/2021_01");
        var response = await client.PatchJsonAsync($"/api/plans/{Plan}/nodes/2021_01", new JsonObject { ["title"] = "Competitività\uFFFF" }, node.ETag());
        var errors = await response.AssertValidationProblemAsync();
        errors.AssertError("title", "U+FFFF at position 14");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/plans/{Plan}/export.xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/plans/{Plan}/scorecard.xlsx?year=2021")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task Each_forbidden_character_is_refused_in_a_plan_document_wherever_it_is(string character)
    {
        var client = await ClientAsync();
        var before = await DatabaseFingerprint.RowsAsync(factory);
        foreach (var (path, edit) in new (string, Action<JsonObject>)[]
                 {
                     ("title", d => d["title"] = "Piano" + character),
                     ("nodes[0].title", d => d["nodes"]![0]!["title"] = character + "Area"),
                     ("nodes[0].indicators[0].targets.2021", d => d["nodes"]![0]!["indicators"]![0]!["targets"]!["2021"] = ">= 80%" + character),
                     ("nodes[0].structures[0]", d => d["nodes"]![0]!["structures"] = new JsonArray("CR" + character)),
                     ("nodes[0].resources", d => d["nodes"]![0]!["resources"] = new JsonObject { ["nota"] = "fondi" + character }),
                     ($"structures[0].volumes.20{character}24", d => d["structures"]![0]!["volumes"] = new JsonObject { [$"20{character}24"] = 1 }),
                 })
        {
            var document = Documents.Cremona("TXT-" + (int)character[0]);
            edit(document);
            var errors = await (await client.ImportAsync(document)).AssertValidationProblemAsync();
            errors.AssertError(path, $"U+{(int)character[0]:X4}");
        }
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task Each_forbidden_character_is_refused_in_consuntivi_json_and_csv(string character)
    {
        var client = await ClientAsync();
        var before = await DatabaseFingerprint.RowsAsync(factory);
        var single = await client.PostActualAsync(Plan, "2021_01.I2", new JsonObject { ["year"] = 2021, ["period"] = "Y", ["value"] = 1, ["note"] = "ok" + character }.ToJsonString());
        (await single.AssertValidationProblemAsync()).AssertError("note", "cannot be stored or exported");
        var bulk = await client.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", new JsonObject
        {
            ["actuals"] = new JsonArray(new JsonObject { ["indicator"] = "2021_01.I2", ["year"] = 2021, ["period"] = "Y", ["value"] = 1 },
                new JsonObject { ["indicator"] = "2021_01.I2", ["year"] = 2021, ["period"] = "Y", ["value"] = 1, ["justification"] = character }),
        }.ToJsonString());
        (await bulk.AssertValidationProblemAsync()).AssertError("actuals[1].justification", "cannot be stored or exported");
        // A CSV can carry them (XLSX cannot: its XML refuses them): the cell is named like any unreadable one; NUL makes it binary.
        var csv = $"Codice;Anno;Periodo;Valore;Nota\r\n2021_01.I2;2021;Y;1;no{character}ta\r\n";
        var upload = await client.PostAsync($"/api/plans/{Plan}/actuals/upload", UploadRoutes.Raw(Encoding.UTF8.GetBytes(csv), "text/csv"));
        if (character == "\u0000") (await upload.AssertValidationProblemAsync()).AssertError("file", "binary content");
        else (await upload.AssertValidationProblemAsync()).AssertError("riga 1, colonna \"Nota\" (cella E2)", $"U+{(int)character[0]:X4} at position 3");
        Assert.Equal(before, await DatabaseFingerprint.RowsAsync(factory));
    }

    [Fact]
    public async Task Tabs_line_breaks_emoji_and_accents_are_text_like_any_other()
    {
        var client = await ClientAsync();
        var actual = await client.PostActualAsync(Plan, "2021_01_01_02.I1",
            new JsonObject { ["year"] = 2021, ["period"] = "Y", ["value"] = 1, ["note"] = "riga 1\r\nriga 2\tcolonna 📈 àèìòù \uFFFD" }.ToJsonString());
        Assert.True(actual.StatusCode == HttpStatusCode.Created, await actual.Content.ReadAsStringAsync());
        Assert.Equal("riga 1\r\nriga 2\tcolonna 📈 àèìòù \uFFFD", (string?)(await actual.ReadJsonAsync())["note"]);
    }

    [Fact]
    public async Task Text_stored_behind_the_services_back_never_breaks_an_export()
    {
        var client = factory.CreateClient();
        await client.ImportOkAsync(Documents.Cremona("TXT-STORED"));
        await client.PostActualOkAsync("TXT-STORED", "2021_01.I2", """{"year":2021,"period":"Y","value":1,"note":"nota"}""");
        const string plan = "(SELECT \"Id\" FROM \"Plans\" WHERE \"Code\" = 'TXT-STORED')";
        await ExecuteAsync($"UPDATE \"Nodes\" SET \"Title\" = @text WHERE \"Code\" = '2021_01' AND \"PlanId\" = {plan}", "Area\uFFFF\u0001\uFFFEstrategica");
        await ExecuteAsync($"UPDATE \"Indicators\" SET \"Name\" = @text WHERE \"PlanId\" = {plan}", "Indicatore\u0002\u001F");
        await ExecuteAsync($"UPDATE \"Actuals\" SET \"Note\" = @text WHERE \"IndicatorId\" IN (SELECT \"Id\" FROM \"Indicators\" WHERE \"PlanId\" = {plan})", "nota\u000B");
        // A write through the service, so no plan tree cached before the edit is reused.
        await client.PostActualOkAsync("TXT-STORED", "2021_01_01_02.I1", """{"year":2021,"period":"Y","value":1}""");

        foreach (var url in new[] { "export.xlsx", "scorecard.xlsx?year=2021", "actuals/template?year=2021&format=xlsx" })
        {
            var response = await client.GetAsync($"/api/plans/TXT-STORED/{url}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            using var document = OfficeTestFiles.OpenValid(await response.Content.ReadAsByteArrayAsync());
            var texts = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>()).Select(t => t.Text).ToList();
            Assert.Contains(texts, t => t.StartsWith("Indicatore\uFFFD\uFFFD", StringComparison.Ordinal));
            if (url.StartsWith("export", StringComparison.Ordinal)) Assert.Contains("Area\uFFFD\uFFFD\uFFFDstrategica", texts);
        }
        foreach (var url in new[] { "scorecard.csv?year=2021", "relazione?year=2021", "export", "nodes", "scorecard?year=2021" })
        {
            var response = await client.GetAsync($"/api/plans/TXT-STORED/{url}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task ExecuteAsync(string sql, string text)
    {
        await using var connection = TrustKit.Open(factory);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@text";
        parameter.Value = text;
        command.Parameters.Add(parameter);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, sql);
    }
}
