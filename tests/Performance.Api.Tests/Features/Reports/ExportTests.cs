using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Spreadsheet;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.OfficeTestFiles;

namespace Performance.Api.Tests.Features.Reports;

/// <summary>Cremona 2021 with the demo consuntivi: files and the Relazione against the JSON the API serves.</summary>
public sealed class ExportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<ApiFactory> Ready = [];

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        await Gate.WaitAsync();
        try
        {
            if (Ready.Add(factory))
            {
                await client.ImportSampleAsync();
                await client.PostDemoActualsAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
        return client;
    }

    [Theory]
    [InlineData("scorecard.xlsx?year=2021", 2)]
    [InlineData("structures/ranking.xlsx?year=2021", 1)]
    [InlineData("public-value.xlsx?year=2021", 1)]
    [InlineData("guidelines.xlsx?year=2021", 1)]
    [InlineData("actuals/template?year=2021&format=xlsx", 1)]
    public async Task Exported_workbooks_are_valid(string route, int minimumRows)
    {
        var client = await ClientAsync();
        var response = await client.GetAsync($"/api/plans/{Plan}/{route}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(XlsxType, response.Content.Headers.ContentType!.MediaType);
        using var document = OpenValid(await response.Content.ReadAsByteArrayAsync());
        Assert.True(Rows(document).Count >= minimumRows);
    }

    [Fact]
    public async Task Scorecard_xlsx_has_italian_headers_and_real_numbers_equal_to_the_api()
    {
        var client = await ClientAsync();
        var json = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2021"))!;
        using var document = OpenValid(await client.GetByteArrayAsync($"/api/plans/{Plan}/scorecard.xlsx?year=2021"));
        var rows = Rows(document);
        var headers = rows[0].Elements<Cell>().Select(Text).ToList();
        foreach (var h in new[] { "Codice", "Obiettivo / Indicatore", "Target", "Consuntivo", "Scostamento %", "Grado di raggiungimento %", "Punteggio", "Giustificazione" })
            Assert.Contains(h, headers);

        // The plan row: the overall score as a numeric cell, not a string.
        string Column(string header) => ((char)('A' + headers.IndexOf(header))).ToString();
        var total = rows[1].Elements<Cell>().Single(c => c.CellReference == Column("Punteggio") + "2");
        Assert.Equal(CellValues.Number, total.DataType!.Value);
        Assert.Equal(json["score"]!.GetValue<decimal>(), decimal.Parse(total.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));

        var indicator = FindIndicator(json, "2021_01.I1")!;
        var row = rows.Single(r => r.Elements<Cell>().Any(c => Text(c) == "2021_01.I1"));
        var cells = row.Elements<Cell>().ToDictionary(c => new string(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray()));
        var actual = cells[Column("Consuntivo")];
        Assert.Equal(CellValues.Number, actual.DataType!.Value);
        Assert.Equal(indicator["actual"]!.GetValue<decimal>(), decimal.Parse(actual.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(CellValues.Number, cells[Column("Grado di raggiungimento %")].DataType!.Value);
        Assert.DoesNotContain(rows.SelectMany(r => r.Elements<Cell>()), c => c.DataType?.Value == CellValues.SharedString);
    }

    [Fact]
    public async Task Scorecard_csv_is_semicolon_separated_with_decimal_commas()
    {
        var client = await ClientAsync();
        var json = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2021"))!;
        var response = await client.GetAsync($"/api/plans/{Plan}/scorecard.csv?year=2021");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = ParseCsv(await response.Content.ReadAsStringAsync());
        var headers = rows[0].ToList();
        Assert.Equal("Codice", headers[2]);
        var justified = rows.Single(r => r[2] == "2021_01_02_05.I1");
        Assert.Equal("Dato dimostrativo: scostamento inventato per mostrare semaforo giallo/rosso", justified[headers.IndexOf("Giustificazione")]);
        Assert.Equal(json["score"]!.GetValue<decimal>().ToString("0.##", Italian), rows[1][headers.IndexOf("Punteggio")]);
    }

    [Fact]
    public async Task Unknown_format_is_a_400()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync($"/api/plans/{Plan}/scorecard.pdf?year=2021");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("csv or xlsx", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Relazione_renders_every_section_with_the_scorecard_figures_in_italian()
    {
        var client = await ClientAsync();
        var json = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2021"))!;
        var response = await client.GetAsync($"/api/plans/{Plan}/relazione?year=2021");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("@media print", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html); // self-contained
        foreach (var section in new[] { "performance-organizzativa", "obiettivi", "valore-pubblico", "linee-guida" })
            Assert.Contains($"<section id=\"{section}\">", html);
        Assert.Contains("Camera di Commercio di Cremona", html);
        Assert.Contains("Il piano non definisce ambiti di Valore Pubblico.", html); // Cremona has none
        Assert.Contains("Il piano non prevede Linee Guida Gestionali.", html);

        var overall = Format(json["score"]!.GetValue<decimal>());
        Assert.Contains($"<strong data-figure=\"complessiva\">{overall}</strong>", html);
        Assert.Contains(",", overall); // the Cremona demo score has decimals: written with a comma

        var indicators = Indicators(json).ToList();
        Assert.Equal(34, indicators.Count);
        foreach (var i in indicators)
        {
            var code = i["code"]!.GetValue<string>();
            var start = html.IndexOf($"data-code=\"{code}\"", StringComparison.Ordinal);
            Assert.True(start > 0, code);
            var row = html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
            foreach (var field in new[] { "actual", "achievement", "score" })
                if (i[field] is { } value) Assert.Contains($"<td class=\"num\">{Format(value.GetValue<decimal>())}</td>", row);
            if (i["deviation"]?["relative"] is { } deviation) Assert.Contains($"<td class=\"num\">{Format(deviation.GetValue<decimal>())}</td>", row);
        }
        // The justification lives in the actuals table and reaches the report.
        Assert.Contains("Dato dimostrativo: scostamento inventato per mostrare semaforo giallo/rosso", html);
    }

    [Fact]
    public async Task Relazione_encodes_text_from_the_plan()
    {
        var client = await ClientAsync();
        var csv = "Codice;Anno;Periodo;Valore;Nota\r\n2021_01.I2;2021;Y;70;<script>alert(1)</script> & co\r\n";
        var upload = await client.UploadAsync(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv");
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var html = await client.GetStringAsync($"/api/plans/{Plan}/relazione?year=2021");
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co", html);
    }

    private static string Format(decimal value) => value.ToString("#,##0.##", Italian);

    private static IEnumerable<JsonNode> Indicators(JsonNode scorecard)
    {
        IEnumerable<JsonNode> Walk(JsonNode node) =>
            node["indicators"]!.AsArray().Select(i => i!).Concat(node["children"]!.AsArray().SelectMany(c => Walk(c!)));
        return scorecard["nodes"]!.AsArray().SelectMany(n => Walk(n!));
    }

    private static JsonNode? FindIndicator(JsonNode scorecard, string code) => Indicators(scorecard).FirstOrDefault(i => i["code"]!.GetValue<string>() == code);
}
