using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Scores;

/// <summary>
/// Issue 20 through HTTP (docs/numbers.md): a half cent presented up, the declared frequency deciding mixed
/// granularities, an indicator without target left out under missing = Zero, a quarter with no cases accepted.
/// </summary>
public sealed class ExactNumbersScorecardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_half_cent_is_presented_up_16_of_141_against_at_most_10_percent_is_88_13()
    {
        await RateAsync("HALF", "<= 10%", (7, 60), (9, 81));
        var rate = IndicatorIn(await _client.ScorecardAsync("HALF"), "HALF.RATE");
        Assert.Equal(11.35m, Dec(rate["actual"]));       // 1600 / 141
        Assert.Equal(88.13m, Dec(rate["achievement"]));  // 10 × 141 × 100 / 1600 = 88,125 exactly
    }

    [Fact]
    public async Task A_quarter_with_no_cases_is_accepted_and_the_year_is_the_ratio_of_sums()
    {
        await RateAsync("ZERO", ">= 80%", (0, 0), (9, 10));
        var year = IndicatorIn(await _client.ScorecardAsync("ZERO"), "ZERO.RATE");
        Assert.Equal(90m, Dec(year["actual"]));          // (0 + 9) / (0 + 10) × 100
        Assert.True((bool)year["met"]!);

        // Scored on its own (year to date at 31 March) the quarter has no rate: missing, not an error.
        var q1 = IndicatorIn(await _client.ScorecardAsync("ZERO", query: "&asOf=2021-03-31"), "ZERO.RATE");
        Assert.Null(q1["actual"]);
        Assert.Null(q1["score"]);
        Assert.Equal("Grey", (string?)q1["status"]);
    }

    /// <summary>A plan with one quarterly rate indicator "{plan}.RATE" and its Q1 and Q2 numerators and denominators.</summary>
    private async Task RateAsync(string plan, string target, (int Num, int Den) q1, (int Num, int Den) q2)
    {
        await _client.ImportOkAsync(Document(plan, null, Node(plan, indicators:
            [Indicator(plan + ".RATE", target, aggregation: "RatioOfSums", frequency: "Quarterly", unit: "Percent")])));
        foreach (var (period, (num, den)) in new[] { ("Q1", q1), ("Q2", q2) })
            await _client.PostActualOkAsync(plan, plan + ".RATE", $$"""{ "year": 2021, "period": "{{period}}", "numerator": {{num}}, "denominator": {{den}} }""");
    }

    [Theory]
    [InlineData("M05", 87.72)] // inside Q2, which has its own entry: never both, Q2 = 51,3 alone → 45 / 51,3
    [InlineData("M01", 91.10)] // Q1 has no entry: M01 stands for it; mean of the quarters (47,496 + 51,3) / 2 → 45 / 49,398
    public async Task The_declared_frequency_decides_mixed_granularities(string month, decimal achievement)
    {
        var plan = "FREQ" + month;
        await _client.ImportOkAsync(Document(plan, null, Node("F", indicators:
            [Indicator("F.AVG", "<= 45", aggregation: "Average", frequency: "Quarterly")])));
        await _client.PostActualOkAsync(plan, "F.AVG", """{ "year": 2021, "period": "Q2", "value": 51.3 }""");
        await _client.PostActualOkAsync(plan, "F.AVG", $$"""{ "year": 2021, "period": "{{month}}", "value": 47.496 }""");
        Assert.Equal(achievement, Dec(IndicatorIn(await _client.ScorecardAsync(plan), "F.AVG")["achievement"]));
    }

    [Fact]
    public async Task A_quarterly_mean_counts_each_quarter_once_however_finely_it_was_entered()
    {
        await _client.ImportOkAsync(Document("FREQQ", null, Node("F", indicators:
            [Indicator("F.AVG", "<= 45", aggregation: "Average", frequency: "Quarterly")])));
        foreach (var (period, value) in new[] { ("M01", "40"), ("M02", "50"), ("Q2", "51.3") })
            await _client.PostActualOkAsync("FREQQ", "F.AVG", $$"""{ "year": 2021, "period": "{{period}}", "value": {{value}} }""");
        var avg = IndicatorIn(await _client.ScorecardAsync("FREQQ"), "F.AVG");
        Assert.Equal(48.15m, Dec(avg["actual"]));        // (Q1 = (40 + 50) / 2 = 45, Q2 = 51,3) / 2, not (40 + 50 + 51,3) / 3
        Assert.Equal(93.46m, Dec(avg["achievement"]));   // 45 / 48,15
    }

    [Fact]
    public async Task An_indicator_without_target_is_left_out_even_when_missing_counts_as_zero()
    {
        var noTarget = Indicator("N.NT", ">= 1");
        noTarget["targets"] = new JsonObject { ["2022"] = ">= 1" }; // nothing for 2021
        await _client.ImportOkAsync(Document("NOTGT", Policy(missing: "Zero"),
            Node("N", indicators: [noTarget], children: [Node("N.C", indicators: [Indicator("N.C.I", ">= 100")])])));
        await _client.PostActualOkAsync("NOTGT", "N.C.I", """{ "year": 2021, "period": "Y", "value": 60 }""");
        var card = await _client.ScorecardAsync("NOTGT");
        Assert.Null(IndicatorIn(card, "N.NT")["score"]);
        Assert.Equal(60m, Dec(NodeIn(card, "N")["score"])); // not (0 + 60) / 2 = 30
    }
}
