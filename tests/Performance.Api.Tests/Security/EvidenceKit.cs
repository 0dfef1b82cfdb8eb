using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Security;

/// <summary>What the authorization matrix needs of evidence and judgement on the Cremona plan (see <see cref="TrustContext"/>).</summary>
public static class EvidenceKit
{
    public static async Task<TrustContext> ExtendAsync(ApiFactory factory, TrustContext context)
    {
        var admin = factory.CreateClient();
        var oiv = factory.CreateClientAs(TrustKit.Key("Oiv"));
        var attachment = await UploadAsync(admin, $"/api/actuals/{context.Actual}/attachments?name=verbale.txt", "verbale di rilevazione");
        var deletable = await UploadAsync(factory.CreateClientAs(TrustKit.Key("Referente")), $"/api/actuals/{context.Actual}/attachments?name=bozza.txt", "bozza");
        var forzatura = await OkAsync(admin.PostJsonTextAsync($"/api/indicators/{context.Indicator}/forzature",
            $$"""{"year":2021,"kind":"NotAssessable","reason":"set-up","evidence":["{{attachment}}"]}"""), HttpStatusCode.Created);

        // 2022: one validated consuntivo, a sample of it checked, the year validated (its validation document produced).
        var actual = await admin.PostActualOkAsync(context.Plan, "2021_01_01_02.I1", """{"year":2022,"period":"Y","value":1}""");
        await OkAsync(admin.PostJsonTextAsync($"/api/actuals/{actual["id"]}/submit", "{}"), HttpStatusCode.OK);
        await OkAsync(oiv.PostJsonTextAsync($"/api/actuals/{actual["id"]}/validate", "{}"), HttpStatusCode.OK);
        var sample = await OkAsync(oiv.PostJsonTextAsync($"/api/plans/{context.Plan}/years/{TrustContext.ValidatedYear}/samples", """{"seed":1,"size":1}"""),
            HttpStatusCode.Created);
        await OkAsync(oiv.PostJsonTextAsync($"/api/samples/{sample["id"]}/items/{actual["id"]}", """{"outcome":"Verified"}"""), HttpStatusCode.OK);
        await OkAsync(oiv.PostJsonTextAsync($"/api/plans/{context.Plan}/years/{TrustContext.ValidatedYear}/validate", "{}"), HttpStatusCode.OK);

        return context with
        {
            Attachment = attachment, DeletableAttachment = deletable, Forzatura = Guid.Parse((string)forzatura["id"]!),
            Sample = Guid.Parse((string)sample["id"]!), SampledActual = Guid.Parse((string)actual["id"]!),
        };
    }

    private static async Task<Guid> UploadAsync(HttpClient client, string url, string text)
    {
        var created = await OkAsync(client.PostAsync(url, new StringContent(text, Encoding.UTF8, "text/plain")), HttpStatusCode.Created);
        return Guid.Parse((string)created["id"]!);
    }

    private static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}
