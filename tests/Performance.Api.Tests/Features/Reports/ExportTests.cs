using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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

        var indicator = TestPlans.IndicatorIn(json, "2021_01.I1");
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

        var indicators = TestPlans.AllIndicators(json).ToList();
        Assert.Equal(34, indicators.Count);
        foreach (var i in indicators)
        {
            var code = i["code"]!.GetValue<string>();
            var row = Row(html, code);
            // Every figure in a numeric cell of the indicator's own row; the cell names its column and rows (headers).
            var count = i["unit"]?.GetValue<string>() == "Count";
            foreach (var field in new[] { "actual", "achievement", "score" })
                if (i[field] is { } value)
                    Assert.Matches(NumberCell(field != "actual" ? Format(value.GetValue<decimal>()) : count ? Whole(value.GetValue<decimal>()) : AsEntered(value.GetValue<decimal>())), row);
            if (i["deviation"]?["relative"] is { } deviation) Assert.Matches(NumberCell(Format(deviation.GetValue<decimal>())), row);
        }
        // Counts are whole numbers, every other figure has two decimals ("115,90", never "115,9").
        Assert.Matches(NumberCell("2"), Row(html, "2021_01_01_01.I1"));
        Assert.Matches(NumberCell("100,00"), Row(html, "2021_01_01_01.I1"));
        // The justification lives in the actuals table and reaches the report.
        Assert.Contains("Dato dimostrativo: scostamento inventato per mostrare semaforo giallo/rosso", html);
    }

    [Fact]
    public async Task Relazione_is_structured_for_assistive_technology_and_tells_the_state_in_words()
    {
        var client = await ClientAsync();
        var html = await client.GetStringAsync($"/api/plans/{Plan}/relazione?year=2021");

        Assert.Single(Regex.Matches(html, "<main>"));
        Assert.Contains("</main>", html);
        // Every table has a caption; every header cell says what it heads; no inline style attribute (the CSP admits none).
        Assert.Equal(Regex.Matches(html, "<table[ >]").Count, Regex.Matches(html, "<caption id=\"t\\d-caption\">").Count);
        Assert.Equal(2, Regex.Matches(html, "<table[ >]").Count); // Cremona: no Valore Pubblico, no LGG
        foreach (Match th in Regex.Matches(html, "<th[ >][^>]*>")) Assert.Matches("scope=\"(col|row)\"", th.Value);
        Assert.DoesNotContain("style=\"", html);
        // The hierarchy is in the markup: an operational objective's indicator names its objective and the area above it.
        var row = Row(html, "2021_01_01_01.I1");
        var ids = Regex.Match(row, "<th scope=\"row\" id=\"(t2-r\\d+)\" headers=\"([^\"]+)\">").Groups;
        Assert.Equal(3, ids[2].Value.Split(' ').Length); // 2021_01_01_01, 2021_01_01, 2021_01
        foreach (var parent in new[] { "2021_01_01_01", "2021_01_01", "2021_01" })
            Assert.Matches($"data-code=\"{parent}\"><td headers=\"t2-c0 (t2-r\\d+)[^\"]*\">", html);
        Assert.Matches($"<td headers=\"t2-c6 {ids[1].Value} {ids[2].Value}\" class=\"num\">", row);
        // The state in words (with a legend), never "Verde/Giallo/Rosso" alone.
        foreach (var word in new[] { "Raggiunto", "Parzialmente raggiunto", "Non raggiunto", "Non disponibile", "Legenda dello stato" }) Assert.Contains(word, html);
        foreach (var colour in new[] { ">Verde<", ">Giallo<", ">Rosso<", ">Grigio<" }) Assert.DoesNotContain(colour, html);
    }

    [Fact]
    public async Task Relazione_has_its_own_CSP_that_admits_exactly_its_stylesheet()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync($"/api/plans/{Plan}/relazione?year=2021");
        var html = await response.Content.ReadAsStringAsync();
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("@media print", style);
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        Assert.Contains($"style-src 'sha256-{hash}'", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("script-src", csp);
        // Every other API answer keeps the policy that loads nothing.
        var scorecard = await client.GetAsync($"/api/plans/{Plan}/scorecard?year=2021");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(";", scorecard.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Relazione_explains_missing_figures_in_italian()
    {
        var client = await ClientAsync();
        var json = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2022"))!;
        Assert.Contains(TestPlans.AllIndicators(json), i => i["missingReason"]?.GetValue<string>() == "No consuntivo for the year.");
        var html = await client.GetStringAsync($"/api/plans/{Plan}/relazione?year=2022");

        Assert.DoesNotContain("No consuntivo", html);
        Assert.DoesNotContain("No target", html);
        var row = Row(html, TestPlans.AllIndicators(json).First(i => i["target"] is not null && i["score"] is null)["code"]!.GetValue<string>());
        Assert.Contains("Nessun consuntivo per l&#39;anno.", row);
        Assert.Matches(NumberCell("n.d."), row);
    }

    [Fact]
    public async Task Relazione_says_a_target_does_not_parse_whatever_language_the_caller_reads()
    {
        // Its own database: the target is broken in its table, as one stored before the parser refused it can be (an
        // import or an edit refuses ">= abc" today).
        await using var own = new ApiFactory();
        var client = own.CreateClient();
        await client.ImportOkAsync(TestPlans.Document("GUASTO", null, TestPlans.Node("N", indicators: [TestPlans.Indicator("N.I1", ">= 100")])));
        Assert.Equal(1, await Performance.Api.Tests.Security.TrustKit.ExecuteAsync(own,
            """UPDATE "IndicatorTargets" SET "Text" = '>= abc' WHERE "Text" = '>= 100'"""));

        foreach (var language in new[] { "it", "en" })
        {
            client.DefaultRequestHeaders.AcceptLanguage.Clear();
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var html = await client.GetStringAsync("/api/plans/GUASTO/relazione?year=2021");
            Assert.Contains("Target non interpretabile: nessun punteggio.", Row(html, "N.I1"));
        }
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

    private static string Format(decimal value) => value.ToString("#,##0.00", Italian);

    private static string Whole(decimal value) => value.ToString("#,##0", Italian);

    /// <summary>A consuntivo as entered, with at least two decimals: 1,048 stays 1,048.</summary>
    private static string AsEntered(decimal value) => value.ToString("#,##0.00####", Italian);

    private static string NumberCell(string text) => $"<td headers=\"[^\"]+\" class=\"num\">{Regex.Escape(text)}</td>";

    private static string Row(string html, string code)
    {
        var start = html.IndexOf($"data-code=\"{code}\"", StringComparison.Ordinal);
        Assert.True(start > 0, code);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
