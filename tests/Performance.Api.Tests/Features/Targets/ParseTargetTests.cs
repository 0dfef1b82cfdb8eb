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

    [Theory]
    [InlineData("+8% rispetto al 2023", "AtLeast", 8.0, "Percent", "Increase", "2023")]
    [InlineData("Incremento del 15% rispetto alla baseline", "AtLeast", 15.0, "Percent", "Increase", "baseline")]
    [InlineData("Riduzione del 10% dei tempi rispetto al 2022", "AtMost", 10.0, "Percent", "Decrease", "2022")]
    [InlineData("Ulteriori 300 imprese rispetto alla baseline", "AtLeast", 300.0, "Absolute", "Increase", "baseline")]
    [InlineData("mantenimento del livello 2024", "AtLeast", null, "Absolute", "Maintain", "2024")]
    [InlineData("non inferiore al valore 2023", "AtLeast", null, "Absolute", "Maintain", "2023")]
    public async Task A_relative_target_has_its_change_and_its_reference_as_a_year_or_baseline(
        string expression, string op, double? amount, string unit, string direction, string reference)
    {
        var target = await ParseAsync(expression, "HigherIsBetter");

        Assert.Equal("Relative", target["kind"]!.GetValue<string>());
        Assert.Equal(op, target["operator"]!.GetValue<string>());
        Assert.Null(target["value"]);
        var change = target["change"]!;
        Assert.Equal(amount is { } a ? (decimal)a : null, change["amount"]?.GetValue<decimal>());
        Assert.Equal(unit, change["unit"]!.GetValue<string>());
        Assert.Equal(direction, change["direction"]!.GetValue<string>());
        // docs/model.md: the reference is a year (a JSON number) or the string "baseline".
        var expected = reference == "baseline" ? JsonValue.Create("baseline") : JsonValue.Create(int.Parse(reference));
        Assert.True(JsonNode.DeepEquals(expected, target["reference"]), target["reference"]?.ToJsonString());
    }

    [Fact]
    public async Task A_schedule_has_one_parsed_target_per_year_under_byYear()
    {
        var target = await ParseAsync("Anno 2025: >= 80% Anno 2026: >= 85% Anno 2027: >= 90%");

        Assert.Equal("Schedule", target["kind"]!.GetValue<string>());
        Assert.Equal("None", target["operator"]!.GetValue<string>());
        var byYear = target["byYear"]!.AsObject();
        Assert.Equal(["2025", "2026", "2027"], byYear.Select(y => y.Key));
        Assert.Equal([80m, 85m, 90m], byYear.Select(y => y.Value!["value"]!.GetValue<decimal>()));
        Assert.All(byYear, y => Assert.Equal("AtLeast", y.Value!["operator"]!.GetValue<string>()));
        Assert.Equal(">= 85%", byYear["2026"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("n.d.", null)]
    [InlineData("—", null)]
    [InlineData("non previsto", null)]
    [InlineData("gg. …", "Placeholder")]
    public async Task No_target_forms_are_NoTarget_and_a_placeholder_says_so(string expression, string? warning)
    {
        var target = await ParseAsync(expression);

        Assert.Equal("NoTarget", target["kind"]!.GetValue<string>());
        Assert.Equal("None", target["operator"]!.GetValue<string>());
        Assert.Equal(warning is null ? [] : [warning], target["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_value_with_a_deadline_keeps_both_and_warns_that_the_operator_came_from_the_polarity()
    {
        var response = await _client.PostJsonTextAsync("/api/targets/parse",
            """{ "expression": "100% entro il 30/06", "polarity": "HigherIsBetter", "year": 2025 }""");
        var target = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Numeric", target["kind"]!.GetValue<string>());
        Assert.Equal("AtLeast", target["operator"]!.GetValue<string>());
        Assert.Equal(100m, target["value"]!.GetValue<decimal>());
        Assert.Equal("2025-06-30", target["dueDate"]!.GetValue<string>());
        Assert.True(target["operatorInferred"]!.GetValue<bool>());
        var warning = Assert.Single(target["warnings"]!.AsArray())!;
        Assert.Equal("OperatorInferred", warning["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(warning["message"]!.GetValue<string>()));
    }

    /// <summary>The forms issue 13 lists, through the API: each read as described.</summary>
    [Theory]
    [InlineData("Numero di pratiche: 40-60", "Range", 40.0, 60.0)]
    [InlineData("tra p. 12 e p. 14", "Range", 12.0, 14.0)]
    [InlineData("da punti 7 a punti 9", "Range", 7.0, 9.0)]
    [InlineData("Dal 60% all'80%", "Range", 60.0, 80.0)]
    [InlineData("Numero di giorni: 20-30", "Range", 20.0, 30.0)]
    [InlineData("da concludere entro il 30 settembre 2025", "Deadline", null, null)]
    [InlineData("53 ‰", "Numeric", 53.0, null)]
    [InlineData("maggiore o uguale al 75%", "Numeric", 75.0, null)]
    [InlineData("non superiore a 30 giorni", "Numeric", 30.0, null)]
    [InlineData("entro tre giorni", "Numeric", 3.0, null)]
    [InlineData("almeno due", "Numeric", 2.0, null)]
    [InlineData("€ 1.500.000", "Numeric", 1500000.0, null)]
    [InlineData("1,5 milioni di euro", "Numeric", 1500000.0, null)]
    public async Task The_issue_s_forms_parse_as_described(string expression, string kind, double? first, double? second)
    {
        var target = await ParseAsync(expression, "HigherIsBetter");

        Assert.Equal(kind, target["kind"]!.GetValue<string>());
        if (kind == "Range")
        {
            Assert.Equal((decimal)first!.Value, target["lower"]!.GetValue<decimal>());
            Assert.Equal((decimal)second!.Value, target["upper"]!.GetValue<decimal>());
        }
        else if (kind == "Numeric") Assert.Equal((decimal)first!.Value, target["value"]!.GetValue<decimal>());
        else Assert.Equal("2025-09-30", target["dueDate"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("<= 5 gg gg 7", 9)]
    [InlineData(">= 80% rispetto al 2023", 8)]
    [InlineData("rispetto alla baseline 2021", 1)]
    public async Task Words_that_would_change_the_meaning_are_refused_with_their_position(string expression, int position)
    {
        var errors = await (await Post(expression, null)).AssertValidationProblemAsync();

        errors.AssertError("expression");
        Assert.EndsWith($"at position {position}", errors["expression"].Single(), StringComparison.Ordinal);
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
