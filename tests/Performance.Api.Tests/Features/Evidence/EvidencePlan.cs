using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>
/// A small 2024 plan of organization TEST (uncapped, targets ">= 100"): OBJ-A of structure A (the TEST referente's) with IA1,
/// IA2 (last figure of the year) and IS (quarters summed), OBJ-B of structure B with IB1. Each call imports a new plan, so tests sharing a database never collide.
/// </summary>
public sealed class EvidencePlan(ApiFactory factory, string code)
{
    public const string Org = "TEST";
    public string Code { get; } = code;
    public HttpClient Office { get; } = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
    public HttpClient Oiv { get; } = factory.CreateClientAs(TrustKit.Key("Oiv", Org));
    public HttpClient Referente { get; } = factory.CreateClientAs(TrustKit.Key("Referente", Org));
    public HttpClient Viewer { get; } = factory.CreateClientAs(TrustKit.Key("Viewer", Org));
    public HttpClient Admin { get; } = factory.CreateClientAs(TrustKit.Key("Admin", Org));

    public static async Task<EvidencePlan> ImportAsync(ApiFactory factory, string prefix = "EV")
    {
        var code = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        var document = SmallPlan.Plan(code,
            structures: [SmallPlan.Structure("A", "Central"), SmallPlan.Structure("B", "Central")],
            nodes:
            [
                SmallPlan.Node("OBJ-A", structure: "A", indicators: [SmallPlan.Indicator("IA1"), SmallPlan.Indicator("IA2"), Summed("IS")]),
                SmallPlan.Node("OBJ-B", structure: "B", indicators: [SmallPlan.Indicator("IB1")]),
            ]);
        document["organization"]!["code"] = Org;
        await factory.CreateClient().ImportOkAsync(document);
        return new EvidencePlan(factory, code);
    }

    /// <summary>A quarterly indicator summed over the year (">= 100"): every quarter's figure is used.</summary>
    private static System.Text.Json.Nodes.JsonObject Summed(string code)
    {
        var indicator = SmallPlan.Indicator(code);
        (indicator["aggregation"], indicator["frequency"]) = ("Sum", "Quarterly");
        return indicator;
    }

    public string Indicator(string code) => $"{Code}:{code}";

    /// <summary>Records a 2024 consuntivo (period Y unless told) by the office and returns its id.</summary>
    public async Task<Guid> ActualAsync(string indicator, decimal value, string period = "Y", string? reason = null)
    {
        var body = new JsonObject { ["year"] = 2024, ["period"] = period, ["value"] = value };
        if (reason is not null) body["reason"] = reason;
        var created = await Office.PostActualOkAsync(Code, indicator, body.ToJsonString());
        return Guid.Parse((string)created["id"]!);
    }

    public async Task SubmitAsync(Guid actual) => await OkAsync(Office.PostJsonTextAsync($"/api/actuals/{actual}/submit", "{}"));

    public async Task ValidateAsync(Guid actual) => await OkAsync(Oiv.PostJsonTextAsync($"/api/actuals/{actual}/validate", "{}"));

    /// <summary>Submitted and validated by the OIV.</summary>
    public async Task<Guid> ValidatedAsync(string indicator, decimal value, string period = "Y")
    {
        var id = await ActualAsync(indicator, value, period);
        await SubmitAsync(id);
        await ValidateAsync(id);
        return id;
    }

    public static async Task<JsonNode> OkAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public static Task<HttpResponseMessage> MultipartAsync(HttpClient client, string url, byte[] bytes, string fileName, string contentType = "application/octet-stream",
        string? description = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        if (description is not null) form.Add(new StringContent(description, Encoding.UTF8), "description");
        return client.PostAsync(url, form);
    }

    public static Task<HttpResponseMessage> RawAsync(HttpClient client, string url, byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync(url, content);
    }

    public async Task<JsonNode> UploadAsync(HttpClient client, string url, byte[] bytes, string fileName, string contentType = "application/octet-stream") =>
        await OkAsync(MultipartAsync(client, url, bytes, fileName, contentType), HttpStatusCode.Created);

    public async Task<List<JsonNode>> AuditAsync(string action)
    {
        var page = await Admin.GetJsonAsync($"/api/audit?plan={Code}&take=1000");
        return page["entries"]!.AsArray().Where(e => (string?)e!["action"] == action).Select(e => e!).ToList();
    }

    /// <summary>A fake PDF: the magic number, then reproducible noise that contains every byte value.</summary>
    public static byte[] Pdf(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }
}
