using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;

namespace Performance.Api.Tests.Features.Review;

/// <summary>
/// Four eyes (issue 12 item 2): validating and returning are the OIV's acts, and nobody certifies a figure they entered
/// or submitted, whatever role they act in. Identities are bearer tokens, so one person ("persona") can hold an office
/// token and an OIV token under the same name, as with a real identity provider.
/// </summary>
public sealed class FourEyesTests(JwtApiFactory factory) : IClassFixture<JwtApiFactory>
{
    private const string Plan = Documents.CremonaCode, Org = TrustKit.Org, Person = "persona";
    private static readonly string[] Indicators = ["2021_01_02_04.I2", "2021_01_02_02.I1"];

    private HttpClient As(string role, string name, string[]? structures = null) =>
        factory.CreateClientWithToken(JwtApiFactory.Token(role, Org, structures, name));

    public static TheoryData<int, string, string, bool, bool> Combinations()
    {
        var data = new TheoryData<int, string, string, bool, bool>();
        var i = 0;
        foreach (var action in new[] { "validate", "return" })
            foreach (var role in TrustKit.Roles)
                foreach (var entered in new[] { false, true })
                    foreach (var submitted in new[] { false, true })
                        data.Add(i++, action, role, entered, submitted);
        return data;
    }

    /// <param name="slot">A period of its own for each case: every case reviews a fresh draft.</param>
    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Only_the_OIV_reviews_and_never_a_figure_it_entered_or_submitted(int slot, string action, string role, bool enteredByReviewer, bool submittedByReviewer)
    {
        var (indicator, year, period) = (Indicators[slot / 20], 2021 + slot % 20 / 12, $"M{slot % 20 % 12 + 1:00}");
        var enterer = As("ControlloGestione", enteredByReviewer ? Person : "ufficio.uno");
        var submitter = As("ControlloGestione", submittedByReviewer ? Person : "ufficio.due");
        var actual = await enterer.PostActualOkAsync(Plan, indicator, new JsonObject { ["year"] = year, ["period"] = period, ["value"] = 1 }.ToJsonString());
        var id = (string)actual["id"]!;
        var submitted = await submitter.PostAsync($"/api/actuals/{id}/submit", null);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        Assert.Equal(submittedByReviewer ? Person : "ufficio.due", (string?)(await submitted.ReadJsonAsync())["submittedBy"]);

        var response = await As(role, Person).PostJsonTextAsync($"/api/actuals/{id}/{action}", """{"reason":"Manca la fonte del dato"}""");
        var allowed = role == "Oiv" && !enteredByReviewer && !submittedByReviewer;
        var after = (await factory.CreateClient().GetJsonAsync($"/api/indicators/{Plan}:{indicator}/actuals?year={year}")).AsArray()
            .Select(p => p!["current"]!).Single(a => (string?)a["id"] == id);
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(action == "validate" ? "Validated" : "Returned", (string?)after["status"]);
            Assert.Equal(Person, (string?)after["reviewedBy"]);
            return;
        }
        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Submitted", (string?)after["status"]);
        if (role == "Oiv")
            Assert.Contains(enteredByReviewer ? $"entered by {Person}" : $"submitted by {Person}", (string)problem["detail"]!);
    }

    [Fact]
    public async Task A_referentes_draft_is_submitted_by_a_referente_of_its_structure_not_by_the_office()
    {
        const string indicator = TrustContext.ReferenteIndicator;
        var referente = As("Referente", "referente.uno", ["CR-SG"]);
        var colleague = As("Referente", "referente.due", ["CR-SG"]);
        var office = As("ControlloGestione", "ufficio.tre");
        var draft = await referente.PostActualOkAsync(Plan, indicator, """{"year":2023,"period":"M01","value":1}""");
        var refused = await (await office.PostAsync($"/api/actuals/{draft["id"]}/submit", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("entered by referente referente.uno", (string)refused["detail"]!);
        // The same rule in bulk: nothing is submitted, the failing id is named.
        var bulk = await office.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", $$"""{"ids":["{{draft["id"]}}"]}""");
        var errors = (await bulk.AssertProblemAsync(HttpStatusCode.Conflict))["errors"]!.AsObject();
        Assert.Contains("entered by referente", (string)errors["ids[0]"]![0]!);

        var submitted = await (await colleague.PostAsync($"/api/actuals/{draft["id"]}/submit", null)).ReadJsonAsync();
        Assert.Equal("Submitted", (string?)submitted["status"]);
        Assert.Equal("referente.due", (string?)submitted["submittedBy"]);

        // The office submits what the office entered, a colleague's included.
        var own = await As("ControlloGestione", "ufficio.quattro").PostActualOkAsync(Plan, indicator, """{"year":2023,"period":"M02","value":1}""");
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/actuals/{own["id"]}/submit", null)).StatusCode);
    }

    [Fact]
    public async Task A_bulk_validation_with_one_own_figure_validates_nothing_and_names_it()
    {
        var mine = await As("ControlloGestione", Person).PostActualOkAsync(Plan, Indicators[0], """{"year":2023,"period":"M03","value":1}""");
        var theirs = await As("ControlloGestione", "ufficio.uno").PostActualOkAsync(Plan, Indicators[0], """{"year":2023,"period":"M04","value":1}""");
        var submitter = As("ControlloGestione", "ufficio.uno");
        Assert.Equal(HttpStatusCode.OK, (await submitter.PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", $$"""{"ids":["{{theirs["id"]}}"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await As("ControlloGestione", Person).PostJsonTextAsync($"/api/plans/{Plan}/actuals/submit", $$"""{"ids":["{{mine["id"]}}"]}""")).StatusCode);

        var response = await As("Oiv", Person).PostJsonTextAsync($"/api/plans/{Plan}/actuals/validate", $$"""{"ids":["{{theirs["id"]}}","{{mine["id"]}}"]}""");
        var errors = (await response.AssertProblemAsync(HttpStatusCode.Conflict))["errors"]!.AsObject();
        Assert.Equal(["ids[1]"], errors.Select(e => e.Key));
        Assert.Contains("four eyes", (string)errors["ids[1]"]![0]!);
        var stored = (await factory.CreateClient().GetJsonAsync($"/api/indicators/{Plan}:{Indicators[0]}/actuals?year=2023")).AsArray();
        Assert.All(stored.Where(p => (string?)p!["period"] is "M03" or "M04"), p => Assert.Equal("Submitted", (string?)p!["current"]!["status"]));

        var other = await As("Oiv", "oiv.altro").PostJsonTextAsync($"/api/plans/{Plan}/actuals/validate", $$"""{"ids":["{{theirs["id"]}}","{{mine["id"]}}"]}""");
        Assert.Equal(2, (await other.ReadJsonAsync())["count"]!.GetValue<int>());
    }
}
