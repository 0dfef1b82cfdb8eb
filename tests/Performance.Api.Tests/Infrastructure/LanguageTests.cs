using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// The service answers in Italian unless the caller prefers English (Accept-Language), and every error carries a
/// stable code that is the same in both languages. These tests remove the English header the other tests send.
/// </summary>
public sealed class LanguageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string BadCsv = "Codice;Anno;Periodo;Valore\r\n2021_01.I2;2021;Y;abc\r\n";

    private async Task<HttpClient> ClientAsync(string? acceptLanguage)
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    private static async Task<(JsonObject Problem, string Message, string? Language)> UploadBadCsvAsync(HttpClient client)
    {
        var response = await client.UploadAsync(Encoding.UTF8.GetBytes(BadCsv), "text/csv", dryRun: true);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var messages = problem["errors"]!.AsObject().Single();
        Assert.Equal("riga 1, colonna \"Valore\" (cella D2)", messages.Key); // the place in the file is named in Italian either way
        return (problem, messages.Value!.AsArray().Single()!.GetValue<string>(), response.Content.Headers.ContentLanguage.SingleOrDefault());
    }

    [Fact]
    public async Task The_same_bad_upload_is_explained_in_Italian_by_default_and_in_English_on_request()
    {
        var (italian, italianMessage, italianLanguage) = await UploadBadCsvAsync(await ClientAsync(null));
        var (english, englishMessage, englishLanguage) = await UploadBadCsvAsync(await ClientAsync("en-GB"));

        Assert.Equal("it", italianLanguage);
        Assert.Equal("Richiesta non valida", italian["title"]!.GetValue<string>());
        Assert.Contains("'abc' non è un numero", italianMessage);
        Assert.DoesNotContain("not a number", italianMessage);

        Assert.Equal("en", englishLanguage);
        Assert.Equal("Invalid request", english["title"]!.GetValue<string>());
        Assert.Equal("'abc' is not a number (write 1.234,56 or 1234.56).", englishMessage);

        // The code is what a program reads, and it does not change with the language.
        Assert.Equal("validation_failed", italian["code"]!.GetValue<string>());
        Assert.Equal(italian["code"]!.GetValue<string>(), english["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "it")]
    [InlineData("it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7", "it")] // an Italian browser
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("fr-FR, en;q=0.5", "en")]   // the first language the service speaks
    [InlineData("en;q=0.4, it;q=0.8", "it")] // by quality, not by position
    [InlineData("de-DE", "it")]             // nothing it speaks: Italian
    [InlineData("en;q=0", "it")]            // q=0 means "not English"
    public async Task Accept_language_picks_the_language_of_messages(string? header, string expected)
    {
        var client = await ClientAsync(header);
        var response = await client.GetAsync("/api/plans/NO-SUCH-PLAN");
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(expected, response.Content.Headers.ContentLanguage.Single());
        Assert.Equal(expected == "it" ? "Non trovato" : "Not found", problem["title"]!.GetValue<string>());
        Assert.Equal("not_found", problem["code"]!.GetValue<string>());
        Assert.Contains("NO-SUCH-PLAN", problem["detail"]!.GetValue<string>());
        Assert.Contains("Accept-Language", response.Headers.Vary);
    }

    [Fact]
    public async Task Answers_the_framework_writes_have_a_code_and_say_what_to_do()
    {
        var anonymous = factory.CreateClientAs(null);
        anonymous.DefaultRequestHeaders.AcceptLanguage.Clear();
        var unauthenticated = await (await anonymous.GetAsync("/api/plans")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", unauthenticated["code"]!.GetValue<string>());
        Assert.Contains("X-Api-Key", unauthenticated["detail"]!.GetValue<string>());
        Assert.Equal("Autenticazione richiesta", unauthenticated["title"]!.GetValue<string>());

        var client = await ClientAsync("en");
        var viewer = factory.CreateClientAs(TestIdentities.Key("Viewer", "CCIAA-CR"));
        viewer.DefaultRequestHeaders.AcceptLanguage.Clear();
        var forbidden = await (await viewer
            .PostAsync("/api/plans/PP-2021-2023/adopt", new StringContent("{}", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("forbidden", forbidden["code"]!.GetValue<string>());
        Assert.Equal("Il ruolo Viewer non consente questa operazione: è riservata ai ruoli Admin, ControlloGestione.", forbidden["detail"]!.GetValue<string>());

        var unknownRoute = await (await client.GetAsync("/api/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("not_found", unknownRoute["code"]!.GetValue<string>());
        Assert.Contains("/openapi/v1.json", unknownRoute["detail"]!.GetValue<string>());

        var unknownProperty = await (await client.PostActualAsync("PP-2021-2023", "2021_01.I2", """{ "year": 2021, "period": "Y", "value": 1, "colour": "red" }"""))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("unknown_property", unknownProperty["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_closed_period_has_a_code_of_its_own()
    {
        var client = await ClientAsync("en");
        var close = await client.PostAsync("/api/plans/PP-2021-2023/closures",
            new StringContent("""{ "year": 2022, "period": "Y", "reason": "consuntivi 2022 chiusi" }""", Encoding.UTF8, "application/json"));
        Assert.True(close.IsSuccessStatusCode, await close.Content.ReadAsStringAsync());
        var refused = await client.PostActualAsync("PP-2021-2023", "2021_01.I2", """{ "year": 2022, "period": "Y", "value": 1 }""");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("period_closed", problem["code"]!.GetValue<string>());
    }
}
