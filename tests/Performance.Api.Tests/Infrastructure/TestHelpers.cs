using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>Plan documents for tests: the Cremona sample as a mutable JSON tree.</summary>
public static class Documents
{
    public const string CremonaCode = "PP-2021-2023";
    public const string CremonaOrganization = "CCIAA-CR";

    public static JsonObject Cremona() =>
        JsonNode.Parse(File.ReadAllText(Repository.SamplePath("cremona-2021-2023.json")))!.AsObject();

    /// <summary>The Cremona sample under another plan code (and optionally organization), so tests sharing a database do not collide.</summary>
    public static JsonObject Cremona(string code, string organization = CremonaOrganization)
    {
        var document = Cremona();
        document["code"] = code;
        document["organization"]!["code"] = organization;
        return document;
    }

    public static Task<HttpResponseMessage> ImportAsync(this HttpClient client, JsonNode document, bool replace = false) =>
        client.PostJsonTextAsync(replace ? "/api/plans/import?replace=true" : "/api/plans/import", document.ToJsonString());

    /// <summary>Imports (replacing any earlier copy) and fails the test unless the service answers 201.</summary>
    public static async Task ImportOrReplaceAsync(this HttpClient client, JsonNode document)
    {
        var response = await client.ImportAsync(document, replace: true);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

public static class Http
{
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, JsonNode body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static string ETag(this HttpResponseMessage response)
    {
        Assert.NotNull(response.Headers.ETag);
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Asserts an RFC 9457 answer with this status and returns its body.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        // Every error answer carries its stable machine-readable code (docs/errors.md), whoever wrote it.
        Assert.Matches("^[a-z]+(_[a-z]+)*$", problem["code"]?.GetValue<string>() ?? "");
        return problem;
    }

    /// <summary>Asserts a 400 ValidationProblemDetails and returns its <c>errors</c> (path → messages).</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> AssertValidationProblemAsync(this HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = Assert.IsType<JsonObject>(problem["errors"]);
        return errors.ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }

    public static void AssertError(this IReadOnlyDictionary<string, string[]> errors, string path, string? containing = null)
    {
        Assert.True(errors.ContainsKey(path), $"no error at '{path}'; errors: {string.Join(" | ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}"))}");
        if (containing is not null)
            Assert.True(errors[path].Any(m => m.Contains(containing, StringComparison.OrdinalIgnoreCase)),
                $"'{path}' has no message containing '{containing}': {string.Join("; ", errors[path])}");
    }
}
