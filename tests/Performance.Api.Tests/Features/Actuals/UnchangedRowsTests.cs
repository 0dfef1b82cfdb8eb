using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.OfficeTestFiles;

namespace Performance.Api.Tests.Features.Actuals;

/// <summary>
/// Issue 12 item 3: a row equal to the current revision of its period (same figure, same note and justification) creates
/// nothing and says so per row, in a dry run and a real one; re-uploading the same file creates zero revisions.
/// </summary>
public sealed class UnchangedRowsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Csv = "Codice;Anno;Periodo;Valore;Nota\r\n2021_01.I2;2022;Y;1.234,5;prima\r\n2021_01_01_01.I1;2022;Y;10,00;seconda\r\n";

    private async Task<HttpClient> ClientAsync()
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        return client;
    }

    private static async Task<int> RevisionsAsync(HttpClient client) =>
        (await client.GetJsonAsync($"/api/indicators/{Plan}:2021_01.I2/actuals?year=2022")).AsArray().Sum(p => p!["revisions"]!.AsArray().Count)
        + (await client.GetJsonAsync($"/api/indicators/{Plan}:2021_01_01_01.I1/actuals?year=2022")).AsArray().Sum(p => p!["revisions"]!.AsArray().Count);

    [Fact]
    public async Task Re_uploading_the_same_file_creates_no_revision_and_says_unchanged_per_row()
    {
        var client = await ClientAsync();
        var first = await (await client.UploadAsync(Encoding.UTF8.GetBytes(Csv), "text/csv")).ReadJsonAsync();
        Assert.Equal(2, first["stored"]!.GetValue<int>());
        Assert.Equal(0, first["unchanged"]!.GetValue<int>());
        Assert.Equal(2, await RevisionsAsync(client));
        var auditBefore = (await client.GetJsonAsync($"/api/audit?plan={Plan}&take=1"))["total"]!.GetValue<int>();

        // Dry run: each row is reported unchanged, with the revision it equals.
        var dry = await (await client.UploadAsync(Encoding.UTF8.GetBytes(Csv), "text/csv", dryRun: true)).ReadJsonAsync();
        Assert.Equal(2, dry["unchanged"]!.GetValue<int>());
        Assert.All(dry["changes"]!.AsArray(), c => { Assert.True((bool)c!["unchanged"]!); Assert.Equal(1, c["revision"]!.GetValue<int>()); });

        // The same numbers written differently (10,00 = 10; a 1.234,50 = 1.234,5) are the same figure.
        var again = Csv.Replace("10,00", "10").Replace("1.234,5", "1.234,50");
        var second = await client.UploadAsync(Encoding.UTF8.GetBytes(again), "text/csv");
        Assert.True(second.StatusCode == HttpStatusCode.OK, await second.Content.ReadAsStringAsync());
        var result = await second.ReadJsonAsync();
        Assert.Equal(0, result["stored"]!.GetValue<int>());
        Assert.Equal(0, result["newRevisions"]!.GetValue<int>());
        Assert.Equal(2, result["unchanged"]!.GetValue<int>());
        Assert.Equal([1, 2], result["unchangedRows"]!.AsArray().Select(r => r!["row"]!.GetValue<int>()));
        Assert.Equal(2, await RevisionsAsync(client));
        Assert.Equal(auditBefore, (await client.GetJsonAsync($"/api/audit?plan={Plan}&take=1"))["total"]!.GetValue<int>());

        // A changed note is a change: one new revision, the other row unchanged.
        var noted = await (await client.UploadAsync(Encoding.UTF8.GetBytes(Csv.Replace("seconda", "seconda, corretta")), "text/csv")).ReadJsonAsync();
        Assert.Equal(1, noted["stored"]!.GetValue<int>());
        Assert.Equal(1, noted["unchanged"]!.GetValue<int>());
        Assert.Equal(3, await RevisionsAsync(client));
    }

    [Fact]
    public async Task A_json_bulk_row_equal_to_a_submitted_figure_is_unchanged_not_refused()
    {
        var client = await ClientAsync();
        const string body = """{"actuals":[{"indicator":"2021_02_01_03.I1","year":2023,"period":"Y","value":7,"justification":"ritardo"}]}""";
        var first = await (await client.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", body)).ReadJsonAsync();
        Assert.Equal(1, first["stored"]!.GetValue<int>());
        var id = (await client.GetJsonAsync($"/api/indicators/{Plan}:2021_02_01_03.I1/actuals?year=2023"))[0]!["current"]!["id"];
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/actuals/{id}/submit", null)).StatusCode);

        var again = await client.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", body);
        Assert.True(again.StatusCode == HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        Assert.Equal(1, (await again.ReadJsonAsync())["unchanged"]!.GetValue<int>());
        // A different figure for the submitted period is still refused: it waits for the OIV.
        await (await client.PostJsonTextAsync($"/api/plans/{Plan}/actuals/bulk", body.Replace("\"value\":7", "\"value\":8"))).AssertProblemAsync(HttpStatusCode.Conflict);
    }
}
