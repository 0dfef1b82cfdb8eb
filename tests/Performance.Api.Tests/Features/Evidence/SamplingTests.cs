using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>The OIV's verification sample: reproducible from its seed, stratified by structure, never redrawn silently.</summary>
public sealed class SamplingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    /// <summary>IA1, IA2, IS of structure A and IB1 of B: four quarters each, submitted (16 figures: 12 of A, 4 of B).</summary>
    private async Task<EvidencePlan> SubmittedPlanAsync()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "SMP");
        foreach (var indicator in new[] { "IA1", "IA2", "IS", "IB1" })
            foreach (var quarter in new[] { "Q1", "Q2", "Q3", "Q4" })
                await plan.SubmitAsync(await plan.ActualAsync(indicator, 25, quarter));
        return plan;
    }

    private static async Task<JsonNode> DrawAsync(EvidencePlan plan, string body) =>
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/samples", body), HttpStatusCode.Created);

    private static List<string> Drawn(JsonNode sample) =>
        sample["items"]!.AsArray().Select(i => $"{i!["indicator"]}/{i["period"]}/{i["structure"]}").ToList();

    [Fact]
    public async Task The_same_seed_draws_the_same_sample()
    {
        var first = await SubmittedPlanAsync();
        var second = await SubmittedPlanAsync();
        var a = await DrawAsync(first, """{"seed":20240630,"size":6}""");
        var b = await DrawAsync(second, """{"seed":20240630,"size":6}""");
        Assert.Equal(Drawn(a), Drawn(b));
        Assert.Equal(6, Drawn(a).Distinct().Count());
        Assert.Equal(20240630L, (long)a["seed"]!);
        Assert.Equal(16, (int)a["population"]!);
        Assert.Contains("xoshiro256**", (string?)a["algorithm"]);
        // Stratified by structure in proportion: 12 of A and 4 of B over 16 → 4,5 and 1,5; the remainders tie, A first: 5 and 1.
        Assert.Equal(5, a["items"]!.AsArray().Count(i => (string?)i!["structure"] == "A"));
        Assert.Equal(1, a["items"]!.AsArray().Count(i => (string?)i!["structure"] == "B"));
        Assert.Equal([1, 2, 3, 4, 5, 6], a["items"]!.AsArray().Select(i => (int)i!["position"]!));

        // Another seed, another sample (on the second plan, after a reason: see below).
        var c = await DrawAsync(second, """{"seed":7,"size":6,"reason":"verifica di controllo"}""");
        Assert.NotEqual(Drawn(a), Drawn(c));
        Assert.Equal(Drawn(a), Drawn(await first.Office.GetJsonAsync($"/api/samples/{a["id"]}")));
    }

    [Fact]
    public async Task A_share_is_rounded_up_a_seed_is_chosen_when_none_is_given_and_drafts_are_not_drawn()
    {
        var plan = await SubmittedPlanAsync();
        await plan.ActualAsync("IB1", 99, "M01"); // a draft: not in the population
        var sample = await DrawAsync(plan, """{"share":0.1}""");
        Assert.Equal(16, (int)sample["population"]!);
        Assert.Equal(2, (int)sample["size"]!);
        Assert.Equal(0.1m, (decimal)sample["share"]!);
        Assert.InRange((long)sample["seed"]!, 0L, (1L << 53) - 1);
        Assert.DoesNotContain(sample["items"]!.AsArray(), i => (string?)i!["period"] == "M01");
    }

    [Fact]
    public async Task A_sample_is_never_redrawn_silently()
    {
        var plan = await SubmittedPlanAsync();
        var first = await DrawAsync(plan, """{"seed":1,"size":3}""");
        var refused = await (await plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/samples", """{"seed":2,"size":3}"""))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("reason", (string?)refused["detail"]);
        var second = await DrawAsync(plan, """{"seed":2,"size":3,"reason":"il primo campione escludeva la struttura B"}""");

        var samples = (await plan.Office.GetJsonAsync($"/api/plans/{plan.Code}/years/2024/samples")).AsArray();
        Assert.Equal([(string)second["id"]!, (string)first["id"]!], samples.Select(s => (string)s!["id"]!));
        Assert.Equal((string?)second["id"], (string?)samples[1]!["supersededBy"]);
        Assert.Equal(2, (await plan.AuditAsync("SampleDrawn")).Count);
        Assert.Single(await plan.AuditAsync("SampleSuperseded"));
        // The superseded sample is not checked any more.
        var item = (string)first["items"]![0]!["actual"]!;
        await (await plan.Oiv.PostJsonTextAsync($"/api/samples/{first["id"]}/items/{item}", """{"outcome":"Verified"}""")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Checks_are_recorded_and_the_year_waits_for_them()
    {
        var plan = await SubmittedPlanAsync();
        var sample = await DrawAsync(plan, """{"seed":11,"size":2}""");
        var (one, two) = ((string)sample["items"]![0]!["actual"]!, (string)sample["items"]![1]!["actual"]!);
        var url = $"/api/samples/{sample["id"]}/items";

        (await (await plan.Oiv.PostJsonTextAsync($"{url}/{one}", """{"outcome":"NotVerified"}""")).AssertValidationProblemAsync()).AssertError("note");
        (await (await plan.Oiv.PostJsonTextAsync($"{url}/{one}", """{"outcome":"Pending"}""")).AssertValidationProblemAsync()).AssertError("outcome");
        await (await plan.Oiv.PostJsonTextAsync($"{url}/{Guid.NewGuid()}", """{"outcome":"Verified"}""")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await plan.Office.PostJsonTextAsync($"{url}/{one}", """{"outcome":"Verified"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var checkedOne = await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"{url}/{one}", """{"outcome":"NotVerified","note":"il registro riporta 24"}"""));
        Assert.Equal("NotVerified", (string?)checkedOne["outcome"]);
        Assert.Equal("il registro riporta 24", (string?)checkedOne["note"]);

        // Every consuntivo validated, but one sampled figure unchecked: the year waits.
        foreach (var indicator in new[] { "IA1", "IA2", "IS", "IB1" })
            foreach (var period in (await plan.Office.GetJsonAsync($"/api/indicators/{plan.Indicator(indicator)}/actuals?year=2024")).AsArray())
                await plan.ValidateAsync(Guid.Parse((string)period!["current"]!["id"]!));
        var waits = await (await plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1 consuntivi not yet checked", (string?)waits["detail"]);

        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"{url}/{two}", """{"outcome":"Verified"}"""));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}"));
        var after = await plan.Oiv.GetJsonAsync($"/api/samples/{sample["id"]}");
        Assert.Equal(1, (int)after["outcomes"]!["Verified"]!);
        Assert.Equal(1, (int)after["outcomes"]!["NotVerified"]!);
        Assert.Equal(2, (await plan.AuditAsync("SampleChecked")).Count);

        // A validated year: no new draw, no new mark.
        await (await plan.Oiv.PostJsonTextAsync($"{url}/{two}", """{"outcome":"NotVerified","note":"ripensamento"}""")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/samples", """{"size":1,"reason":"r"}""")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_draws_are_400s_and_an_empty_year_a_409()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "SMP");
        var url = $"/api/plans/{plan.Code}/years/2024/samples";
        await (await plan.Oiv.PostJsonTextAsync(url, """{"size":1}""")).AssertProblemAsync(HttpStatusCode.Conflict);
        foreach (var (body, path) in new[]
                 {
                     ("{}", "size"), ("""{"size":1,"share":0.5}""", "size"), ("""{"size":0}""", "size"), ("""{"share":1.5}""", "share"),
                     ("""{"share":0}""", "share"), ("""{"size":1,"seed":-4}""", "seed"),
                 })
            (await (await plan.Oiv.PostJsonTextAsync(url, body)).AssertValidationProblemAsync()).AssertError(path);
        await plan.SubmitAsync(await plan.ActualAsync("IA1", 1));
        (await (await plan.Oiv.PostJsonTextAsync(url, """{"size":2}""")).AssertValidationProblemAsync()).AssertError("size", "1");
        (await (await plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2030/samples", """{"size":1}""")).AssertValidationProblemAsync()).AssertError("year");
        await (await plan.Office.PostJsonTextAsync(url, """{"size":1}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
