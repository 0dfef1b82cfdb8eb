using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.OfficeTestFiles;

namespace Performance.Api.Tests.Features.Actuals;

public sealed class TemplateRoundTripTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Csv_template_filled_with_the_demo_figures_scores_like_the_json_bulk_load()
    {
        var client = factory.CreateClient();
        await client.ImportSampleAsync();
        var template = await client.GetAsync($"/api/plans/{Plan}/actuals/template?year=2021&format=csv");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var bytes = await template.Content.ReadAsByteArrayAsync();
        Assert.True(bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "UTF-8 BOM for Excel");
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes));
        var header = rows[0].ToList();
        Assert.Equal(["Codice", "Indicatore", "Unità", "Target", "Anno", "Periodo", "Struttura", "Valore", "Numeratore", "Denominatore",
            "Fatto", "Completamento %", "Completato il", "Nota", "Giustificazione", "Comunicato il"], header);
        Assert.Contains(rows, r => r[0] == "2021_01.I1" && r[2] == "%"); // units in Italian, as the office reads them
        Assert.Equal(35, rows.Count); // 34 annual indicators + header

        var demo = JsonNode.Parse(await File.ReadAllTextAsync(Repository.SamplePath("cremona-2021-demo-actuals.json")))!["actuals"]!.AsArray();
        foreach (var actual in demo)
        {
            var row = rows.Single(r => r[0] == actual!["indicator"]!.GetValue<string>() && r[5] == "Y");
            string Number(string field) => actual![field] is { } n ? n.GetValue<decimal>().ToString("#,##0.##", Italian) : "";
            row[header.IndexOf("Valore")] = Number("value");
            row[header.IndexOf("Numeratore")] = Number("numerator");
            row[header.IndexOf("Denominatore")] = Number("denominator");
            row[header.IndexOf("Fatto")] = actual!["done"] is { } d ? (d.GetValue<bool>() ? "sì" : "no") : "";
            row[header.IndexOf("Completamento %")] = Number("completion");
            row[header.IndexOf("Giustificazione")] = actual["justification"]?.GetValue<string>() ?? "";
        }

        var upload = await client.UploadAsync(Encoding.UTF8.GetBytes(Csv(rows)), "text/csv");
        var result = await upload.ReadJsonAsync();
        Assert.True(upload.StatusCode == HttpStatusCode.OK, result.ToJsonString());
        Assert.Equal(demo.Count, result["stored"]!.GetValue<int>());
        Assert.Equal(34 - demo.Count, result["skipped"]!.GetValue<int>());

        var fromFile = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2021"))!;
        Assert.NotNull(fromFile["score"]);
        // The same figures sent again through the JSON bulk load become revision 2 of every row and change no score.
        await client.PostDemoActualsAsync();
        var fromJson = JsonNode.Parse(await client.GetStringAsync($"/api/plans/{Plan}/scorecard?year=2021"))!;
        Assert.True(JsonNode.DeepEquals(fromJson, fromFile), fromFile.ToJsonString());
    }
}
