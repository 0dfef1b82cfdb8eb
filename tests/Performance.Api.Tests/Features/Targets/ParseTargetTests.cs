using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Targets;

/// <summary>POST /api/targets/parse: the docs/targets.md forms, over HTTP, and a 400 naming the position for bad ones.</summary>
public sealed class ParseTargetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData(">=80%", null, "Numeric", "AtLeast", 80.0, "Percent", "%")]
    [InlineData(">= 80%", null, "Numeric", "AtLeast", 80.0, "Percent", "%")]
    [InlineData("<= 5gg", null, "Numeric", "AtMost", 5.0, "Days", "gg")]
    [InlineData("> 38", null, "Numeric", "MoreThan", 38.0, "None", null)]
    [InlineData("< 3%", null, "Numeric", "LessThan", 3.0, "Percent", "%")]
    [InlineData("> =50", null, "Numeric", "AtLeast", 50.0, "None", null)]
    [InlineData("1.039", "HigherIsBetter", "Numeric", "AtLeast", 1039.0, "None", null)]
    [InlineData("10,00", "LowerIsBetter", "Numeric", "AtMost", 10.0, "None", null)]
    [InlineData("almeno 2 bandi", null, "Numeric", "AtLeast", 2.0, "Count", "bandi")]
    public async Task Numeric_forms_map_to_operator_value_and_unit(
        string expression, string? polarity, string kind, string op, double value, string unit, string? unitLabel)
    {
        var target = await ParseAsync(expression, polarity);

        Assert.Equal(kind, target["kind"]!.GetValue<string>());
        Assert.Equal(op, target["operator"]!.GetValue<string>());
        Assert.Equal((decimal)value, target["value"]!.GetValue<decimal>());
        Assert.Equal(unit, target["unit"]!.GetValue<string>());
        Assert.Equal(unitLabel, target["unitLabel"]?.GetValue<string>());
        Assert.Null(target["lower"]);
        Assert.Null(target["upper"]);
        Assert.Null(target["dueDate"]);
        Assert.Equal(expression, target["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_range_has_lower_and_upper_bounds()
    {
        var target = await ParseAsync("tra 80% e 90%");

        Assert.Equal("Range", target["kind"]!.GetValue<string>());
        Assert.Equal("Between", target["operator"]!.GetValue<string>());
        Assert.Equal(80m, target["lower"]!.GetValue<decimal>());
        Assert.Equal(90m, target["upper"]!.GetValue<decimal>());
        Assert.Null(target["value"]);
        Assert.Equal("Percent", target["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deadline_has_its_due_date()
    {
        var target = await ParseAsync("entro il 30/06/2024");

        Assert.Equal("Deadline", target["kind"]!.GetValue<string>());
        Assert.Equal("Done", target["operator"]!.GetValue<string>());
        Assert.Equal("2024-06-30", target["dueDate"]!.GetValue<string>());
        Assert.Null(target["value"]);
    }

    [Theory]
    [InlineData("Realizzazione del progetto")]
    [InlineData("Attuazione e rendicontazione")]
    [InlineData("SI")]
    public async Task Qualitative_text_is_a_milestone(string expression)
    {
        var target = await ParseAsync(expression);

        Assert.Equal("Milestone", target["kind"]!.GetValue<string>());
        Assert.Equal("Done", target["operator"]!.GetValue<string>());
        Assert.Null(target["value"]);
        Assert.Equal(expression, target["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("10,00")]
    [InlineData("8")]
    public async Task A_bare_number_without_polarity_asks_for_the_polarity(string expression)
    {
        var errors = await (await Post(expression, null)).AssertValidationProblemAsync();

        errors.AssertError("expression", "polarity");
    }

    [Fact]
    public async Task A_bare_number_with_milestone_polarity_is_refused()
    {
        var errors = await (await Post("10,00", "Milestone")).AssertValidationProblemAsync();

        errors.AssertError("expression", "polarity");
    }

    [Fact]
    public async Task A_bad_number_names_the_position()
    {
        var errors = await (await Post(">= abc", null)).AssertValidationProblemAsync();

        errors.AssertError("expression");
        Assert.Contains("position 4", errors["expression"][0]);
        Assert.Contains("expected a number", errors["expression"][0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_expression_is_a_400(string? expression)
    {
        var errors = await (await Post(expression, null)).AssertValidationProblemAsync();

        errors.AssertError("expression");
    }

    [Fact]
    public async Task An_unknown_polarity_is_a_400_on_that_field()
    {
        var response = await _client.PostJsonTextAsync("/api/targets/parse", """{ "expression": "8", "polarity": "Sideways" }""");

        var errors = await response.AssertValidationProblemAsync();
        errors.AssertError("polarity");
    }

    private async Task<JsonNode> ParseAsync(string expression, string? polarity = null)
    {
        var response = await Post(expression, polarity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{expression}': {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private Task<HttpResponseMessage> Post(string? expression, string? polarity) =>
        _client.PostJsonTextAsync("/api/targets/parse", new JsonObject { ["expression"] = expression, ["polarity"] = polarity }.ToJsonString());
}
