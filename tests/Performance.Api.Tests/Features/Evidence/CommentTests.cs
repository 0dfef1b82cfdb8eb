using System.Net;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>The dialogue on consuntivi and indicators between the OIV, the office and the structure's referenti.</summary>
public sealed class CommentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_return_opens_the_thread_with_its_reason_and_the_thread_follows_the_correction()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        var first = await plan.ActualAsync("IA1", 80);
        await plan.SubmitAsync(first);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/actuals/{first}/return", """{"reason":"manca la fonte del dato"}"""));

        var thread = (await plan.Referente.GetJsonAsync($"/api/actuals/{first}/comments")).AsArray();
        var opened = Assert.Single(thread)!;
        Assert.Equal("Return", (string?)opened["kind"]);
        Assert.Equal("manca la fonte del dato", (string?)opened["text"]);
        Assert.Equal(TrustKit.Key("Oiv", EvidencePlan.Org), (string?)opened["author"]);
        Assert.Equal("Oiv", (string?)opened["role"]);
        Assert.Equal(1, (int)opened["revision"]!);
        Assert.EndsWith("Z", (string?)opened["at"]); // UTC, as every instant the API answers

        await EvidencePlan.OkAsync(plan.Referente.PostJsonTextAsync($"/api/actuals/{first}/comments", """{"text":"la fonte è il registro del protocollo"}"""),
            HttpStatusCode.Created);
        var second = await plan.ActualAsync("IA1", 82);
        await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/actuals/{second}/comments", """{"text":"corretto il valore, allegato il verbale"}"""),
            HttpStatusCode.Created);

        // The thread is the period's: from either revision, the same messages in order, each with the revision it was on.
        foreach (var id in new[] { first, second })
        {
            var messages = (await plan.Oiv.GetJsonAsync($"/api/actuals/{id}/comments")).AsArray();
            Assert.Equal(["Return", "Comment", "Comment"], messages.Select(m => (string)m!["kind"]!));
            Assert.Equal([1, 1, 2], messages.Select(m => (int)m!["revision"]!));
        }
        // Another period's thread is its own.
        var other = await plan.ActualAsync("IA2", 80);
        Assert.Empty((await plan.Office.GetJsonAsync($"/api/actuals/{other}/comments")).AsArray());
        Assert.Equal(2, (await plan.AuditAsync("CommentPosted")).Count);
    }

    [Fact]
    public async Task An_indicator_has_its_own_thread_and_each_sees_only_what_it_may()
    {
        var plan = await EvidencePlan.ImportAsync(factory);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/comments", """{"text":"fonte del dato da precisare"}"""),
            HttpStatusCode.Created);
        var thread = (await plan.Referente.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/comments")).AsArray();
        Assert.Equal("fonte del dato da precisare", (string?)Assert.Single(thread)!["text"]);
        Assert.Null(thread[0]!["actual"]);

        // The referente of A sees nothing of B's, the Viewer nothing at all, another organization not even that it exists.
        var theirs = await plan.ActualAsync("IB1", 50);
        foreach (var url in new[] { $"/api/indicators/{plan.Indicator("IB1")}/comments", $"/api/actuals/{theirs}/comments" })
        {
            await (await plan.Referente.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await plan.Referente.PostJsonTextAsync(url, """{"text":"x"}""")).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await plan.Viewer.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
            await (await factory.CreateClientAs(TrustKit.Key("Oiv", "OTHER")).GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        }
        var url2 = $"/api/indicators/{plan.Indicator("IA1")}/comments";
        foreach (var body in new[] { "{}", """{"text":"   "}""", $$"""{"text":"{{new string('x', 4001)}}"}""" })
            (await (await plan.Office.PostJsonTextAsync(url2, body)).AssertValidationProblemAsync()).AssertError("text");
        Assert.Single((await plan.Office.GetJsonAsync(url2)).AsArray());
    }
}
