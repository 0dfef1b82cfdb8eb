using System.Net;
using System.Text.Json.Nodes;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Plans;

/// <summary>POST /api/plans/import: atomic, every error with its JSON path, 409 on duplicates unless replace=true.</summary>
public sealed class ImportPlanTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Importing_Cremona_answers_201_with_location_id_and_code()
    {
        var response = await _client.ImportAsync(Documents.Cremona(), replace: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = Guid.Parse(body["id"]!.GetValue<string>());
        Assert.Equal(Documents.CremonaCode, body["code"]!.GetValue<string>());
        Assert.NotNull(response.Headers.Location);
        Assert.Equal($"/api/plans/{id}", response.Headers.Location!.OriginalString);

        var plan = await _client.GetJsonAsync(response.Headers.Location.OriginalString);
        Assert.Equal(id.ToString(), plan["id"]!.GetValue<string>());
        Assert.Equal(Documents.CremonaCode, plan["code"]!.GetValue<string>());
        Assert.Equal(Documents.CremonaOrganization, plan["organization"]!.GetValue<string>());
    }

    [Fact]
    public async Task Imported_Cremona_has_every_structure_node_and_indicator()
    {
        await _client.ImportOrReplaceAsync(Documents.Cremona());

        var plan = await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}");

        Assert.Equal(2021, plan["startYear"]!.GetValue<int>());
        Assert.Equal(2023, plan["endYear"]!.GetValue<int>());
        Assert.Equal(Documents.Cremona()["structures"]!.AsArray().Count, plan["structures"]!.GetValue<int>());
        Assert.Equal(33, plan["structures"]!.GetValue<int>());
        Assert.Equal(34, plan["nodes"]!.GetValue<int>());
        Assert.Equal(34, plan["indicators"]!.GetValue<int>());
        Assert.Equal(0, plan["guidelines"]!.GetValue<int>());
    }

    [Fact]
    public async Task Every_imported_target_parses_and_keeps_its_text()
    {
        await _client.ImportOrReplaceAsync(Documents.Cremona());
        var expected = SampleTargets();

        var indicators = (await _client.GetJsonAsync($"/api/plans/{Documents.CremonaCode}/indicators")).AsArray();

        Assert.Equal(34, indicators.Count);
        var actual = new Dictionary<string, string>();
        foreach (var indicator in indicators)
        {
            var code = indicator!["code"]!.GetValue<string>();
            foreach (var target in indicator["targets"]!.AsArray())
            {
                var year = target!["year"]!.GetValue<int>();
                Assert.True(target["parsed"] is JsonObject, $"{code} {year}: not parsed ({target["error"]})");
                Assert.Null(target["error"]);
                actual[$"{code}/{year}"] = target["text"]!.GetValue<string>();
            }
        }
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task A_duplicate_import_is_a_409_problem_and_replace_imports_it_again()
    {
        var document = Documents.Cremona("PP-DUP");
        var created = await _client.ImportAsync(document);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var first = await _client.GetJsonAsync("/api/plans/PP-DUP");

        var duplicate = await _client.ImportAsync(document);

        var problem = await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("PP-DUP", problem["detail"]!.GetValue<string>());
        Assert.Equal(first.ToJsonString(), (await _client.GetJsonAsync("/api/plans/PP-DUP")).ToJsonString());

        var replaced = await _client.ImportAsync(document, replace: true);

        Assert.Equal(HttpStatusCode.Created, replaced.StatusCode);
        var plan = await _client.GetJsonAsync("/api/plans/PP-DUP");
        Assert.Equal((await replaced.ReadJsonAsync())["id"]!.GetValue<string>(), plan["id"]!.GetValue<string>());
        Assert.Equal(34, plan["nodes"]!.GetValue<int>());
        Assert.Equal(34, plan["indicators"]!.GetValue<int>());
        Assert.Single((await _client.GetJsonAsync("/api/plans")).AsArray(), p => p!["code"]!.GetValue<string>() == "PP-DUP");
    }

    // Each broken document: what is changed, the JSON path of the error, and a fragment of its message.
    private static readonly Dictionary<string, (Action<JsonObject> Break, string Path, string Message)> Broken = new()
    {
        ["bad target"] = (d => Node(d, 0, 0)["indicators"]![0]!["targets"]!["2021"] = ">= abc",
            "nodes[0].children[0].indicators[0].targets.2021", "expected a number at position 4"),
        ["unknown parent"] = (d => d["nodes"]!.AsArray().Add(new JsonObject
            {
                ["code"] = "ORPHAN", ["kind"] = "OperationalObjective", ["title"] = "Obiettivo orfano", ["parent"] = "NOPE",
            }),
            "nodes[4].parent", "NOPE"),
        ["unknown structure"] = (d => Node(d, 0, 0, 0)["structure"] = "NOPE",
            "nodes[0].children[0].children[0].structure", "NOPE"),
        ["duplicate node code"] = (d => Node(d, 1)["code"] = "2021_01", "nodes[1].code", "Duplicate"),
        ["duplicate indicator code"] = (d => Node(d, 0)["indicators"]![1]!["code"] = "2021_01.I1",
            "nodes[0].indicators[1].code", "Duplicate"),
        ["negative weight"] = (d => Node(d, 2)["weight"] = -1, "nodes[2].weight", "negative"),
        ["year outside the plan"] = (d => Node(d, 0)["indicators"]![0]!["targets"]!["2030"] = ">=80%",
            "nodes[0].indicators[0].targets.2030", "2021-2023"),
        ["unknown kind"] = (d => Node(d, 3)["kind"] = "Foo", "nodes[3].kind", "'Foo'"),
        ["bare number without polarity"] = (d => Node(d, 0, 1, 3)["indicators"]![0]!.AsObject().Remove("polarity"),
            "nodes[0].children[1].children[3].indicators[0].targets.2021", "polarity"),
    };

    public static readonly TheoryData<string> BrokenCases = new(Broken.Keys);

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public async Task A_broken_document_is_a_400_naming_the_path_and_stores_nothing(string broken)
    {
        var (@break, path, message) = Broken[broken];
        var document = Documents.Cremona("PP-BROKEN");
        @break(document);
        var before = (await _client.GetJsonAsync("/api/plans")).ToJsonString();

        var errors = await (await _client.ImportAsync(document)).AssertValidationProblemAsync();

        errors.AssertError(path, message);
        Assert.Equal(before, (await _client.GetJsonAsync("/api/plans")).ToJsonString());
        await (await _client.GetAsync("/api/plans/PP-BROKEN")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_document_with_many_problems_lists_each_of_them()
    {
        var document = Documents.Cremona("PP-BROKEN-ALL");
        foreach (var (@break, _, _) in Broken.Values) @break(document);
        var before = (await _client.GetJsonAsync("/api/plans")).ToJsonString();

        var errors = await (await _client.ImportAsync(document)).AssertValidationProblemAsync();

        foreach (var (_, path, message) in Broken.Values) errors.AssertError(path, message);
        Assert.Equal(before, (await _client.GetJsonAsync("/api/plans")).ToJsonString());
    }

    [Fact]
    public async Task A_parent_cycle_does_not_hide_the_errors_of_nodes_after_it()
    {
        var document = Documents.Cremona("PP-CYCLE");
        var nodes = document["nodes"]!.AsArray();
        nodes.Add(new JsonObject { ["code"] = "CYC-A", ["kind"] = "Action", ["title"] = "A", ["parent"] = "CYC-B" });
        nodes.Add(new JsonObject { ["code"] = "CYC-B", ["kind"] = "Action", ["title"] = "B", ["parent"] = "CYC-A" });
        nodes.Add(new JsonObject { ["code"] = "LOST", ["kind"] = "Action", ["title"] = "C", ["parent"] = "NOPE" });

        var errors = await (await _client.ImportAsync(document)).AssertValidationProblemAsync();

        errors.AssertError("nodes[5].parent", "cycle");
        errors.AssertError("nodes[6].parent", "NOPE");
        await (await _client.GetAsync("/api/plans/PP-CYCLE")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_top_level_node_with_a_parent_code_is_placed_under_that_parent()
    {
        var document = Documents.Cremona("PP-PARENT");
        document["nodes"]!.AsArray().Add(new JsonObject
        {
            ["code"] = "2021_01_01_99", ["kind"] = "OperationalObjective", ["title"] = "Aggiunto per codice", ["parent"] = "2021_01_01",
        });

        var response = await _client.ImportAsync(document);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var node = await _client.GetJsonAsync("/api/plans/PP-PARENT/nodes/2021_01_01_99");
        Assert.Equal("2021_01_01", node["parent"]!.GetValue<string>());
        var roots = (await _client.GetJsonAsync("/api/plans/PP-PARENT/nodes")).AsArray();
        Assert.Equal(4, roots.Count);
        Assert.Contains("2021_01_01_99", roots[0]!["children"]![0]!["children"]!.AsArray().Select(c => c!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Value_areas_and_sub_areas_are_referenced_at_their_own_level()
    {
        var document = Documents.Cremona("PP-AREAS");
        document["valueAreas"] = JsonNode.Parse("""
            [ { "code": "SOC", "name": "Valore Sociale", "weight": 1, "subAreas": [ { "code": "SOC-AMB", "name": "Impatto ambientale" } ] },
              { "code": "ECO", "name": "Valore Economico", "weight": 1, "subAreas": [] } ]
            """);
        Node(document, 0)["valueArea"] = "SOC-AMB";                         // a sub-area where a value area belongs
        Node(document, 1)["subArea"] = "ECO";                               // a value area where a sub-area belongs
        Node(document, 2)["valueArea"] = "ECO";
        Node(document, 2)["subArea"] = "SOC-AMB";                           // a sub-area of another area
        Node(document, 3)["valueArea"] = "SOC";
        Node(document, 3)["subArea"] = "SOC-AMB";                           // right

        var errors = await (await _client.ImportAsync(document)).AssertValidationProblemAsync();

        errors.AssertError("nodes[0].valueArea", "SOC-AMB");
        errors.AssertError("nodes[1].subArea", "ECO");
        errors.AssertError("nodes[2].subArea", "SOC-AMB");
        Assert.DoesNotContain(errors.Keys, k => k.StartsWith("nodes[3]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broken_replacement_leaves_the_stored_plan_as_it_was()
    {
        await _client.ImportOrReplaceAsync(Documents.Cremona("PP-KEEP"));
        var before = (await _client.GetJsonAsync("/api/plans/PP-KEEP/export")).ToJsonString();
        var broken = Documents.Cremona("PP-KEEP");
        Node(broken, 2)["weight"] = -5;

        var errors = await (await _client.ImportAsync(broken, replace: true)).AssertValidationProblemAsync();

        errors.AssertError("nodes[2].weight");
        Assert.Equal(before, (await _client.GetJsonAsync("/api/plans/PP-KEEP/export")).ToJsonString());
    }

    [Fact]
    public async Task A_truncated_body_is_a_400_problem_not_a_500()
    {
        var text = Documents.Cremona("PP-TRUNC").ToJsonString();
        var before = (await _client.GetJsonAsync("/api/plans")).ToJsonString();

        var response = await _client.PostJsonTextAsync("/api/plans/import", text[..(text.Length / 2)]);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("Exception", problem.ToJsonString());
        Assert.Equal(before, (await _client.GetJsonAsync("/api/plans")).ToJsonString());
    }

    [Theory]
    [InlineData("startYear", "startYear")]
    [InlineData("weight", "nodes[0].weight")]
    public async Task A_string_where_a_number_belongs_is_a_400_naming_the_field(string field, string path)
    {
        var document = Documents.Cremona("PP-TYPES");
        if (field == "startYear") document["startYear"] = "2021";
        else Node(document, 0)["weight"] = "1";

        var errors = await (await _client.ImportAsync(document)).AssertValidationProblemAsync();

        errors.AssertError(path);
        await (await _client.GetAsync("/api/plans/PP-TYPES")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        var before = (await _client.GetJsonAsync("/api/plans")).ToJsonString();

        var response = await _client.PostJsonTextAsync("/api/plans/import", "");

        var errors = await response.AssertValidationProblemAsync();
        errors.AssertError("body", "required");
        Assert.Equal(before, (await _client.GetJsonAsync("/api/plans")).ToJsonString());
    }

    [Fact]
    public async Task A_document_without_required_fields_lists_each_of_them()
    {
        var errors = await (await _client.PostJsonTextAsync("/api/plans/import", "{}")).AssertValidationProblemAsync();

        foreach (var path in new[] { "organization.code", "organization.name", "code", "title", "startYear", "endYear" })
            errors.AssertError(path, "required");
    }

    /// <summary>
    /// A plan past Draft comes with the act that adopted it (as export writes it); without it the import is a 400 saying to
    /// import it as a draft and adopt it. A draft carries no act. The date is checked as POST .../adopt checks it.
    /// </summary>
    [Theory]
    [InlineData("Adopted", null, null, "adoptionAct", "/api/plans/IMP-ADOPTED/adopt")]
    [InlineData("Adopted", null, null, "adoptedOn", "import the plan as \"Draft\"")]
    [InlineData("Closed", null, "2021-01-28", "adoptionAct", "needs the act that adopted it")]
    [InlineData("Adopted", "Delibera G.C. n. 12/2021", "2099-01-31", "adoptedOn", "in the future")]
    [InlineData("Adopted", "Delibera G.C. n. 12/2021", "2024-01-31", "adoptedOn", "after the plan's last year (2022)")]
    [InlineData("Draft", "Delibera G.C. n. 12/2021", null, "adoptionAct", "A draft plan has no adoption act")]
    [InlineData(null, null, "2021-01-28", "adoptedOn", "A draft plan has no adoption date")]
    public async Task An_adopted_document_without_its_act_is_a_400_saying_how_to_adopt_it(string? status, string? act, string? on, string path, string message)
    {
        var errors = await (await _client.ImportAsync(AdoptedDocument(status, act, on))).AssertValidationProblemAsync();
        errors.AssertError(path, message);
        await (await _client.GetAsync("/api/plans/IMP-ADOPTED")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_adopted_document_without_its_act_is_explained_in_Italian_by_default()
    {
        var italian = factory.CreateClient();
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var errors = (await (await italian.ImportAsync(AdoptedDocument("Adopted", null, null))).AssertProblemAsync(HttpStatusCode.BadRequest))["errors"]!;
        Assert.Equal("Un piano con status \"Adopted\" richiede l'atto che lo ha adottato (per esempio \"Delibera G.C. n. 12/2021\"), " +
                     "oppure va importato come \"Draft\" e adottato con POST /api/plans/IMP-ADOPTED/adopt.", (string?)errors["adoptionAct"]![0]);
        Assert.Equal("Un piano con status \"Adopted\" richiede la data dell'atto che lo ha adottato, " +
                     "oppure va importato come \"Draft\" e adottato con POST /api/plans/IMP-ADOPTED/adopt.", (string?)errors["adoptedOn"]![0]);
    }

    [Fact]
    public async Task An_adopted_document_with_its_act_is_stored_adopted_and_changes_only_by_acts()
    {
        var created = await _client.ImportAsync(AdoptedDocument("Adopted", " Delibera G.C. n. 12/2021 ", "2021-01-28"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var plan = await _client.GetJsonAsync("/api/plans/IMP-ADOPTED");
        Assert.Equal("Adopted", (string?)plan["status"]);
        Assert.Equal("Delibera G.C. n. 12/2021", (string?)plan["adoptionAct"]);
        Assert.Equal("2021-01-28", (string?)plan["adoptedOn"]);
        // Adopted as if by POST .../adopt: a change without an act is refused, naming the act the plan was adopted by.
        var indicator = await _client.GetAsync("/api/indicators/IMP-ADOPTED:I1");
        var refused = await (await _client.PatchJsonAsync("/api/indicators/IMP-ADOPTED:I1", new JsonObject { ["weight"] = 2 }, indicator.ETag()))
            .AssertValidationProblemAsync();
        refused.AssertError("act", "Delibera G.C. n. 12/2021");
        await (await _client.PostJsonTextAsync("/api/plans/IMP-ADOPTED/adopt", """{"act":"Altra delibera","date":"2021-02-01"}"""))
            .AssertProblemAsync(HttpStatusCode.Conflict);
    }

    private static JsonObject AdoptedDocument(string? status, string? act, string? on)
    {
        var document = SmallPlan.Plan("IMP-ADOPTED", startYear: 2021, endYear: 2022, nodes: [SmallPlan.Node("N01", indicators: [SmallPlan.Indicator("I1", year: 2021)])]);
        if (status is not null) document["status"] = status;
        if (act is not null) document["adoptionAct"] = act;
        if (on is not null) document["adoptedOn"] = on;
        return document;
    }

    private static JsonObject Node(JsonObject document, int root, params int[] children)
    {
        var node = document["nodes"]![root]!.AsObject();
        foreach (var child in children) node = node["children"]![child]!.AsObject();
        return node;
    }

    private static Dictionary<string, string> SampleTargets()
    {
        var targets = new Dictionary<string, string>();
        void Walk(JsonArray nodes)
        {
            foreach (var node in nodes)
            {
                foreach (var indicator in node!["indicators"]?.AsArray() ?? [])
                foreach (var (year, text) in indicator!["targets"]!.AsObject())
                    targets[$"{indicator["code"]}/{year}"] = text!.GetValue<string>().Trim();
                Walk(node["children"]?.AsArray() ?? []);
            }
        }
        Walk(Documents.Cremona()["nodes"]!.AsArray());
        return targets;
    }
}
