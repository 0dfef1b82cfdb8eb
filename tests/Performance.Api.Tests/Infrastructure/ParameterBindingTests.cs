using System.Net;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// A query parameter of the wrong type is the caller's mistake: a 400 that names the parameter under <c>errors</c> and
/// says what a valid value looks like, in the caller's language — never the framework's English sentence about .NET types.
/// </summary>
public sealed class ParameterBindingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private async Task<(IReadOnlyDictionary<string, string[]> Errors, string Detail)> RefusedAsync(string url, string? language)
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        var errors = await response.AssertValidationProblemAsync();
        var problem = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.Equal("invalid_request", (string?)problem["code"]);
        Assert.DoesNotContain("Nullable", body);
        Assert.DoesNotContain("Failed to bind", body);
        return (errors, (string)problem["detail"]!);
    }

    [Theory]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=abc", "year", "'abc' non è un numero intero")]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=99999999999", "year", "'99999999999' non è un numero intero")]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2021&asOf=2021-13-01", "asOf", "'2021-13-01' non è una data valida: scrivila AAAA-MM-GG")]
    [InlineData("/api/plans/PP-2021-2023/scorecard?year=2021&explain=maybe", "explain", "scrivi true o false")]
    [InlineData("/api/plans/PP-2021-2023/forzature?status=Forse", "status", "'Forse' non è un valore ammesso: i valori sono Proposed, ")]
    [InlineData("/api/audit?from=ieri", "from", "'ieri' non è un istante valido")]
    public async Task A_parameter_of_the_wrong_type_is_named_with_what_is_expected_in_Italian(string url, string parameter, string message)
    {
        var (errors, detail) = await RefusedAsync(url, null);
        errors.AssertError(parameter, message);
        Assert.Single(errors);
        Assert.StartsWith("Un parametro della richiesta non ha un valore valido", detail);
    }

    [Fact]
    public async Task In_English_on_request()
    {
        var (errors, detail) = await RefusedAsync("/api/plans/PP-2021-2023/scorecard?year=2021&asOf=31/12/2021", "en");
        errors.AssertError("asOf", "'31/12/2021' is not a valid date: write it as YYYY-MM-DD (for example 2024-12-31).");
        Assert.StartsWith("A parameter of the request has no valid value", detail);
    }

    [Fact]
    public async Task A_hostile_value_is_not_echoed_whole()
    {
        var value = new string('9', 30) + new string('x', 2_000);
        var (errors, _) = await RefusedAsync($"/api/plans/PP-2021-2023/scorecard?year={value}", null);
        var message = Assert.Single(errors["year"]);
        Assert.Contains(value[..40] + "…", message);
        Assert.True(message.Length < 120, message);
    }
}
