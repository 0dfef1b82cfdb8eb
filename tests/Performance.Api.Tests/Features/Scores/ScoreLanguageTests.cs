using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// What the scoring engine writes for people (why an indicator is not scored, the steps of an explanation, how the
/// monitoring reached its expected value) is in Italian unless the caller prefers English, like every other message; the
/// numbers in it stay invariant (an OIV redoes the arithmetic). An answer kept for one language is never sent to the other.
/// </summary>
public sealed class ScoreLanguageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<ApiFactory> Ready = [];
    private const string Plan = "LINGUA";

    /// <summary>
    /// N.I1 scored (S1 + S2 = 80 against ">= 100", capped at 100: red, yellow is from 90), N.I2 with no consuntivo. The
    /// same plan twice more for the cache test, one per order of languages, so that nothing else has read them before.
    /// </summary>
    private async Task<HttpClient> ClientAsync(string? acceptLanguage)
    {
        var client = factory.CreateClient();
        await Gate.WaitAsync();
        try
        {
            if (Ready.Add(factory))
            {
                foreach (var code in new[] { Plan, Plan + "-it", Plan + "-en" })
                {
                    await client.ImportOkAsync(Document(code, Policy(), Node("N", indicators:
                        [Indicator("N.I1", ">= 100", aggregation: "Sum", polarity: "HigherIsBetter", frequency: "Semiannual"), Indicator("N.I2", ">= 10", polarity: "HigherIsBetter")])));
                    await client.PostActualOkAsync(code, "N.I1", """{ "year": 2021, "period": "S1", "value": 30 }""");
                    await client.PostActualOkAsync(code, "N.I1", """{ "year": 2021, "period": "S2", "value": 50 }""");
                }
            }
        }
        finally
        {
            Gate.Release();
        }
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }

    private static string Steps(JsonNode explanation) =>
        string.Join("\n", explanation["steps"]!.AsArray().Select(s => $"{s!["description"]} | {s["calculation"]}"));

    [Fact]
    public async Task An_explained_score_is_in_Italian_by_default_and_in_English_on_request()
    {
        var italian = await (await ClientAsync(null)).GetJsonOkAsync($"/api/indicators/{Plan}:N.I1/score?year=2021&explain=true");
        var english = await (await ClientAsync("en")).GetJsonOkAsync($"/api/indicators/{Plan}:N.I1/score?year=2021&explain=true");

        var it = Steps(italian["explanation"]!);
        Assert.Contains("A / T × 100 = 80 / 100 × 100 = 80", it); // the arithmetic is the same in both
        Assert.Contains("80 ≤ tetto 100: non applicato", it);
        Assert.Contains("punteggio = 80", it);
        Assert.Contains("A = 80 ≥ T = 100: falso → non raggiunto", it);
        Assert.Contains("Rosso: non raggiunto, grado di raggiungimento 80 < 90", it);
        Assert.DoesNotContain("not met", it);
        Assert.DoesNotContain("cap", it);

        var en = Steps(english["explanation"]!);
        Assert.Contains("A / T × 100 = 80 / 100 × 100 = 80", en);
        Assert.Contains("80 ≤ cap 100: not hit", en);
        Assert.Contains("score = 80", en);
        Assert.Contains("A = 80 ≥ T = 100: false → not met", en);
        Assert.Contains("Red: not met, achievement 80 < 90", en);
    }

    [Fact]
    public async Task Why_an_indicator_is_not_scored_is_in_the_callers_language()
    {
        var italian = await (await ClientAsync(null)).GetJsonOkAsync($"/api/indicators/{Plan}:N.I2/score?year=2021&explain=true");
        var english = await (await ClientAsync("en")).GetJsonOkAsync($"/api/indicators/{Plan}:N.I2/score?year=2021&explain=true");

        Assert.Equal("nessun consuntivo per l'anno: non valutato", (string?)ExplanationStep(italian["explanation"]!, "missing")["description"]);
        Assert.Equal("Grigio: dato mancante", (string?)ExplanationStep(italian["explanation"]!, "status")["description"]);
        Assert.Equal("no actual for the year: not scored", (string?)ExplanationStep(english["explanation"]!, "missing")["description"]);
        Assert.Equal("Grey: missing", (string?)ExplanationStep(english["explanation"]!, "status")["description"]);

        // The scorecard's reasons, of the year and of the monitoring at a period's end.
        var italianCard = await (await ClientAsync(null)).ScorecardAsync(Plan, query: "&period=S1&explain=true");
        var englishCard = await (await ClientAsync("en")).ScorecardAsync(Plan, query: "&period=S1&explain=true");
        Assert.Equal("Nessun consuntivo per un periodo che termina entro il 2021-06-30.", (string?)IndicatorIn(italianCard, "N.I2")["monitoringMissingReason"]);
        Assert.Equal("No consuntivo for a period ending by 2021-06-30.", (string?)IndicatorIn(englishCard, "N.I2")["monitoringMissingReason"]);
        Assert.Equal("Sum: E = T × 6/12 mesi = 100 × 6 ÷ 12",
            (string?)IndicatorIn(await (await ClientAsync(null)).ScorecardAsync(Plan, query: "&period=S1&explain=true"), "N.I1")["monitoringExplanation"]!["expectedCalculation"]);
        Assert.StartsWith("Nessun consuntivo", (string?)IndicatorIn(italianCard, "N.I2")["missingReason"]);
        Assert.StartsWith("No consuntivo", (string?)IndicatorIn(englishCard, "N.I2")["missingReason"]);
    }

    [Fact]
    public async Task A_node_explanation_is_in_the_callers_language()
    {
        var italian = await (await ClientAsync(null)).GetJsonOkAsync($"/api/plans/{Plan}/nodes/N/score?year=2021&explain=true");
        var english = await (await ClientAsync("en")).GetJsonOkAsync($"/api/plans/{Plan}/nodes/N/score?year=2021&explain=true");
        Assert.Equal("punteggio = Σ wᵢ·sᵢ / Σ wᵢ sui figli con un punteggio (peso 0 = rendicontato, non valutato)", (string?)italian["explanation"]!["formula"]);
        Assert.Equal("score = Σ wᵢ·sᵢ / Σ wᵢ over the children with a score (weight 0 = reported, not scored)", (string?)english["explanation"]!["formula"]);
    }

    [Theory]
    [InlineData("it", "en")]
    [InlineData("en", "it")]
    public async Task An_explanation_computed_for_one_language_is_never_sent_to_the_other(string first, string second)
    {
        // Each order on its own plan, read for the first time here: whatever is kept or shared after the first read
        // (trees, answers, a computation under way) must not carry its words into the second.
        var url = $"/api/indicators/{Plan}-{first}:N.I1/score?year=2021&explain=true";
        var reads = await Task.WhenAll(
            (await ClientAsync(first)).GetJsonOkAsync(url),
            (await ClientAsync(second)).GetJsonOkAsync(url));
        var again = await (await ClientAsync(first)).GetJsonOkAsync(url);
        var afterwards = await (await ClientAsync(second)).GetJsonOkAsync(url);

        foreach (var (answer, language) in new[] { (reads[0], first), (reads[1], second), (again, first), (afterwards, second) })
        {
            var steps = Steps(answer["explanation"]!);
            if (language == "it") Assert.Contains("punteggio = 80", steps);
            else Assert.Contains("score = 80", steps);
            Assert.DoesNotContain(language == "it" ? "score = " : "punteggio", steps);
        }
    }
}
