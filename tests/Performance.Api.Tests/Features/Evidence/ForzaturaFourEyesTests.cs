using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>
/// Four eyes on forzature with bearer tokens: one person ("persona") may hold an office token and an OIV token under the
/// same name, as with a real identity provider. The person is the recorded name within the organization: whoever proposed
/// a forzatura cannot approve or reject it through any identity carrying that name; another OIV can.
/// </summary>
public sealed class ForzaturaFourEyesTests(JwtApiFactory factory) : IClassFixture<JwtApiFactory>
{
    private const string Person = "persona";

    private HttpClient As(string role, string name) => factory.CreateClientWithToken(JwtApiFactory.Token(role, EvidencePlan.Org, name: name));

    [Fact]
    public async Task Who_proposed_a_forzatura_cannot_decide_it_through_an_oiv_identity_with_the_same_name()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "EYES");
        await plan.ActualAsync("IA1", 50);
        var office = As("ControlloGestione", Person);
        var evidence = await plan.UploadAsync(office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(200), "nota.pdf");
        var proposed = await EvidencePlan.OkAsync(office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature",
            new JsonObject { ["year"] = 2024, ["kind"] = "ForcedScore", ["score"] = 90, ["reason"] = "sistema non disponibile", ["evidence"] = new JsonArray((string)evidence["id"]!) }
                .ToJsonString()), HttpStatusCode.Created);
        Assert.Equal(Person, (string?)proposed["proposedBy"]);
        var url = $"/api/forzature/{proposed["id"]}";

        var samePerson = As("Oiv", Person);
        var approve = await (await samePerson.PostJsonTextAsync($"{url}/approve", """{"note":"ok"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"proposed by {Person}", (string?)approve["detail"]);
        Assert.Contains("four eyes", (string?)approve["detail"]);
        await (await samePerson.PostJsonTextAsync($"{url}/reject", """{"note":"no"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
        // Nothing was decided: still waiting, not in the audit trail, the computed score unchanged.
        Assert.Equal("Proposed", (string?)(await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature"))[0]!["status"]);
        Assert.Empty(await plan.AuditAsync("ForzaturaApproved"));
        Assert.Equal(50m, TestPlans.Dec(TestPlans.IndicatorIn(await plan.Viewer.GetJsonAsync($"/api/plans/{plan.Code}/scorecard?year=2024"), "IA1")["score"]));

        var approved = await EvidencePlan.OkAsync(As("Oiv", "oiv.altro").PostJsonTextAsync($"{url}/approve", """{"note":"documentato"}"""));
        Assert.Equal("Approved", (string?)approved["status"]);
        Assert.Equal("oiv.altro", (string?)approved["decidedBy"]);
        var decided = Assert.Single(await plan.AuditAsync("ForzaturaApproved"));
        Assert.Equal("oiv.altro", (string?)decided["actor"]);
        Assert.Equal(90m, TestPlans.Dec(TestPlans.IndicatorIn(await plan.Viewer.GetJsonAsync($"/api/plans/{plan.Code}/scorecard?year=2024"), "IA1")["score"]));
    }
}
