using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using Performance.Domain.Audit;

namespace Performance.Api.Tests.Features.Audit;

/// <summary>
/// Someone with write access to the database, but not the audit key, changes things behind the service's back: verify
/// (given the key, and the checkpoints exported earlier) names every change. Each case runs on its own fresh database.
/// </summary>
public sealed class AuditIntegrityTests
{
    private const string Org = "TEST";

    /// <summary>A plan with two indicators, four consuntivi (one bulk-loaded), a node and an indicator edited, and a closure.</summary>
    private static async Task<(HttpClient Admin, string Plan, JsonNode First)> ArrangeAsync(ApiFactory factory)
    {
        var admin = factory.CreateClient();
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
        var code = "INT-" + Guid.NewGuid().ToString("N")[..8];
        var document = SmallPlan.Plan(code, nodes: [SmallPlan.Node("OBJ", "StrategicObjective", indicators: [SmallPlan.Indicator("I1"), SmallPlan.Indicator("I2", ">= 90")])]);
        document["organization"]!["code"] = Org;
        Assert.Equal(HttpStatusCode.Created, (await cg.ImportAsync(document)).StatusCode);
        var first = await cg.PostActualOkAsync(code, "I1", """{"year":2024,"period":"M01","value":60}""");
        await cg.PostActualOkAsync(code, "I1", """{"year":2024,"period":"M02","value":70}""");
        await cg.PostActualOkAsync(code, "I2", """{"year":2024,"period":"M01","value":80}""");
        Assert.Equal(HttpStatusCode.OK, (await cg.PostJsonTextAsync($"/api/plans/{code}/actuals/bulk",
            """{"actuals":[{"indicator":"I2","year":2024,"period":"M03","value":85,"note":"caricamento massivo"}]}""")).StatusCode);
        var node = await cg.GetAsync($"/api/plans/{code}/nodes/OBJ");
        Assert.Equal(HttpStatusCode.OK, (await cg.PatchJsonAsync($"/api/plans/{code}/nodes/OBJ", new JsonObject { ["weight"] = 2 }, node.ETag())).StatusCode);
        var indicator = await cg.GetAsync($"/api/indicators/{code}:I1");
        Assert.Equal(HttpStatusCode.OK, (await cg.PatchJsonAsync($"/api/indicators/{code}:I1",
            new JsonObject { ["weight"] = 3, ["targets"] = new JsonObject { ["2024"] = ">= 110" } }, indicator.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cg.PostJsonTextAsync($"/api/plans/{code}/closures", """{"year":2024,"period":"Q4"}""")).StatusCode);

        var clean = await VerifyAsync(admin);
        Assert.True((bool)clean["valid"]!, clean.ToJsonString());
        Assert.Equal(8, (long)clean["checked"]!);                // import, 3 consuntivi, a bulk load, 2 edits, a closure
        Assert.Equal(1 + 2 + 2 + 4, (int)clean["rowsChecked"]!); // a node, 2 indicators, 2 targets, 4 consuntivi
        return (admin, code, first);
    }

    private static async Task<JsonNode> VerifyAsync(HttpClient client) => await client.GetJsonAsync("/api/audit/verify");

    private static JsonNode SingleFinding(JsonNode verification, string kind)
    {
        Assert.False((bool)verification["valid"]!, verification.ToJsonString());
        return Assert.Single(verification["findings"]!.AsArray(), f => (string?)f!["kind"] == kind)!;
    }

    [Fact]
    public async Task A_consuntivo_edited_in_its_table_is_named_with_its_plan_and_period()
    {
        await using var factory = new ApiFactory();
        var (admin, plan, first) = await ArrangeAsync(factory);
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "Actuals" SET "Value" = "Value" + 1 WHERE "Period" = 'M01' AND "IndicatorId" = (SELECT "Id" FROM "Indicators" WHERE "Code" = 'I1')"""));

        var verification = await VerifyAsync(admin);
        var finding = SingleFinding(verification, "Row");
        Assert.Equal("Actuals", (string?)finding["table"]);
        Assert.Equal((string?)first["id"], (string?)finding["row"]);
        Assert.Equal($"{Org}:{plan}", (string?)finding["plan"]);
        Assert.Equal("I1 2024 M01 r1", (string?)finding["item"]);
        Assert.Contains("changed behind the service's back", (string?)finding["problem"]);
        Assert.Null(verification["brokenAtSequence"]); // the chain itself is intact
        Assert.Equal((string?)finding["problem"], (string?)verification["problem"]);

        // The organization's own auditor sees it too; another organization's does not.
        Assert.False((bool)(await factory.CreateClientAs(TrustKit.Key("Oiv", Org)).GetJsonAsync("/api/audit/verify"))["valid"]!);
        var other = await factory.CreateClientAs(TrustKit.Key("Oiv", "OTHER")).GetJsonAsync("/api/audit/verify");
        Assert.True((bool)other["valid"]!, other.ToJsonString());
    }

    [Fact]
    public async Task A_bulk_loaded_consuntivo_deleted_or_a_row_added_without_an_entry_is_named()
    {
        await using var factory = new ApiFactory();
        var (admin, plan, _) = await ArrangeAsync(factory);
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "Actuals" WHERE "Period" = 'M03'"""));
        var deleted = SingleFinding(await VerifyAsync(admin), "Row");
        Assert.Equal("Actuals", (string?)deleted["table"]);
        Assert.Contains("deleted behind the service's back", (string?)deleted["problem"]);

        // The last entry removed (the figure it recorded stays): a row no entry vouches for.
        var last = await factory.CreateClient().PostActualOkAsync(plan, "I2", """{"year":2024,"period":"M04","value":88}""");
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "AuditEntries" WHERE "Sequence" = (SELECT MAX("Sequence") FROM "AuditEntries")"""));
        var findings = (await VerifyAsync(admin))["findings"]!.AsArray();
        var unrecorded = Assert.Single(findings, f => (string?)f!["row"] == (string?)last["id"])!;
        Assert.Contains("not in the audit trail", (string?)unrecorded["problem"]);
    }

    [Fact]
    public async Task Row_findings_and_an_unreadable_record_are_explained_in_Italian_by_default()
    {
        await using var factory = new ApiFactory();
        var (_, plan, _) = await ArrangeAsync(factory);
        var added = await factory.CreateClient().PostActualOkAsync(plan, "I2", """{"year":2024,"period":"M04","value":88}""");
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "Actuals" SET "Value" = "Value" + 1 WHERE "Period" = 'M01' AND "IndicatorId" = (SELECT "Id" FROM "Indicators" WHERE "Code" = 'I1')"""));
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "Actuals" WHERE "Period" = 'M03'"""));
        // The last entry's record of rows overwritten: it cannot be read, and the consuntivo it recorded is vouched for by nothing.
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "AuditEntries" SET "Rows" = 'riga non valida' WHERE "Sequence" = (SELECT MAX("Sequence") FROM "AuditEntries")"""));

        var italian = factory.CreateClient();
        italian.DefaultRequestHeaders.AcceptLanguage.Clear();
        var problems = (await VerifyAsync(italian))["findings"]!.AsArray().Select(f => (string)f!["problem"]!).ToList();
        Assert.Contains("il suo elenco delle righe registrate è illeggibile ('riga non valida' non è una riga dell'elenco delle righe registrate.)", problems);
        Assert.Contains(problems, p => p.StartsWith("modificata all'insaputa del servizio: non contiene più ciò che ha registrato la voce ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cancellata all'insaputa del servizio: la voce ", StringComparison.Ordinal));
        Assert.Contains("assente dal registro di audit: scritta all'insaputa del servizio (nessuna voce del registro l'ha registrata)", problems);
        Assert.DoesNotContain(problems, p => p.Contains("behind the service's back", StringComparison.Ordinal));
        Assert.NotNull(added["id"]);
    }

    [Theory]
    [InlineData("""UPDATE "IndicatorTargets" SET "Text" = '>= 50' WHERE "Text" = '>= 90'""", "IndicatorTargets", "I2 target 2024")]
    [InlineData("""UPDATE "Nodes" SET "Weight" = 5 WHERE "Code" = 'OBJ'""", "Nodes", "OBJ")]
    [InlineData("""UPDATE "Indicators" SET "Weight" = 7 WHERE "Code" = 'I2'""", "Indicators", "I2")]
    public async Task A_target_or_a_weight_edited_in_its_table_is_named(string tamper, string table, string item)
    {
        await using var factory = new ApiFactory();
        var (admin, _, _) = await ArrangeAsync(factory);
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, tamper));
        var finding = SingleFinding(await VerifyAsync(admin), "Row");
        Assert.Equal(table, (string?)finding["table"]);
        Assert.Equal(item, (string?)finding["item"]);
        Assert.Contains("changed behind the service's back", (string?)finding["problem"]);
    }

    /// <summary>
    /// An adopted plan: imported with its act and a target revised by an act in the document, then a weight changed by an
    /// act through PATCH and a node's weight by POST .../reprogramming (three reprogramming rows).
    /// </summary>
    private static async Task<(HttpClient Admin, string Plan)> ArrangeActsAsync(ApiFactory factory)
    {
        var admin = factory.CreateClient();
        var cg = factory.CreateClientAs(TrustKit.Key("ControlloGestione", Org));
        var code = "ACT-" + Guid.NewGuid().ToString("N")[..8];
        var document = SmallPlan.Plan(code, nodes: [SmallPlan.Node("OBJ", "StrategicObjective", indicators: [SmallPlan.Indicator("I1"), SmallPlan.Indicator("I2", ">= 90")])],
            reprogramming: [JsonNode.Parse("""{"kind":"ReviseTarget","indicator":"I1","year":2024,"target":">= 110","act":"Det. n. 1/2024","date":"2024-03-01","reason":"Target rivisto"}""")!]);
        (document["organization"]!["code"], document["status"], document["adoptionAct"], document["adoptedOn"]) = (Org, "Adopted", "Delibera n. 1/2024", "2024-01-31");
        var imported = await cg.ImportAsync(document);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var indicator = await cg.GetAsync($"/api/indicators/{code}:I2");
        Assert.Equal(HttpStatusCode.OK, (await cg.PatchJsonAsync($"/api/indicators/{code}:I2",
            JsonNode.Parse("""{"weight":3,"act":"Det. n. 2/2024","date":"2024-05-01","reason":"Peso rivisto"}""")!, indicator.ETag())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cg.PostJsonTextAsync($"/api/plans/{code}/reprogramming",
            """{"kind":"ChangeWeight","node":"OBJ","weight":2,"act":"Det. n. 3/2024","date":"2024-06-01","reason":"Peso dell'obiettivo"}""")).StatusCode);

        var clean = await VerifyAsync(admin);
        Assert.True((bool)clean["valid"]!, clean.ToJsonString());
        Assert.Equal(1 + 2 + 2 + 3, (int)clean["rowsChecked"]!); // a node, 2 indicators, 2 targets, 3 acts
        return (admin, code);
    }

    [Theory]
    [InlineData("""UPDATE "Reprogrammings" SET "Target" = '>= 50' WHERE "Kind" = 'ReviseTarget'""", "ReviseTarget Det. n. 1/2024 2024-03-01", "changed behind the service's back")]
    [InlineData("""UPDATE "Reprogrammings" SET "Weight" = 30 WHERE "Act" = 'Det. n. 2/2024'""", "ChangeWeight Det. n. 2/2024 2024-05-01", "changed behind the service's back")]
    [InlineData("""UPDATE "Reprogrammings" SET "Act" = 'Det. n. 9/2024' WHERE "Act" = 'Det. n. 3/2024'""", "ChangeWeight Det. n. 9/2024 2024-06-01", "changed behind the service's back")]
    [InlineData("""DELETE FROM "Reprogrammings" WHERE "Act" = 'Det. n. 3/2024'""", null, "deleted behind the service's back")]
    public async Task A_reprogramming_act_edited_or_deleted_in_its_table_is_named(string tamper, string? item, string problem)
    {
        await using var factory = new ApiFactory();
        var (admin, plan) = await ArrangeActsAsync(factory);
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, tamper));
        var finding = SingleFinding(await VerifyAsync(admin), "Row");
        Assert.Equal("Reprogrammings", (string?)finding["table"]);
        Assert.Equal($"{Org}:{plan}", (string?)finding["plan"]);
        Assert.Equal(item, (string?)finding["item"]);
        Assert.Contains(problem, (string?)finding["problem"]);
    }

    [Fact]
    public async Task A_reprogramming_act_no_entry_recorded_is_named()
    {
        await using var factory = new ApiFactory();
        var (admin, plan) = await ArrangeActsAsync(factory);
        // The entry of the last act removed (the act it recorded stays): a row no entry vouches for.
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "AuditEntries" WHERE "Sequence" = (SELECT MAX("Sequence") FROM "AuditEntries")"""));
        var findings = (await VerifyAsync(admin))["findings"]!.AsArray();
        var unrecorded = Assert.Single(findings, f => (string?)f!["kind"] == "Row")!;
        Assert.Equal("Reprogrammings", (string?)unrecorded["table"]);
        Assert.Equal("ChangeWeight Det. n. 3/2024 2024-06-01", (string?)unrecorded["item"]);
        Assert.Contains("not in the audit trail", (string?)unrecorded["problem"]);
        Assert.Equal($"{Org}:{plan}", (string?)unrecorded["plan"]);
    }

    /// <summary>
    /// A trail written before reprogramming acts were audited rows: signed entries that record no act. Verify names every
    /// act as unrecorded until the next start records them as they stand (one signed entry); from then on they are watched.
    /// </summary>
    [Fact]
    public async Task Acts_stored_before_the_trail_recorded_them_are_recorded_at_the_next_start()
    {
        await using var factory = new ApiFactory();
        var (admin, plan) = await ArrangeActsAsync(factory);
        var key = factory.Services.GetRequiredService<AuditKey>();
        var entries = await ReadEntriesAsync(factory);
        var previous = AuditChain.Genesis;
        foreach (var e in entries)
        {
            e.PreviousHash = previous;
            e.Rows = e.Rows is null ? null
                : string.Concat(e.Rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("R ", StringComparison.Ordinal)).Select(l => l + "\n"));
            e.Hash = previous = AuditChain.ComputeHash(e);
            await TrustKit.ExecuteAsync(factory, $"""
                UPDATE "AuditEntries" SET "Rows" = {Text(e.Rows)}, "Signature" = '{key.Sign(e.Hash)}', "PreviousHash" = '{e.PreviousHash}', "Hash" = '{e.Hash}'
                WHERE "Sequence" = {e.Sequence}
                """);
        }
        await TrustKit.ExecuteAsync(factory, """DELETE FROM "AuditCheckpoints" WHERE 1 = 1""");
        var uncovered = await VerifyAsync(admin);
        Assert.Null(uncovered["brokenAtSequence"]); // the chain holds: only the acts are not in it
        Assert.Equal(3, uncovered["findings"]!.AsArray().Count(f => (string?)f!["table"] == "Reprogrammings" && ((string?)f["problem"])!.Contains("not in the audit trail")));
        Assert.Equal(3, (int)uncovered["findingCount"]!);

        await using var restarted = factory.WithWebHostBuilder(_ => { });
        var client = restarted.CreateClient();
        var covered = await client.GetJsonAsync("/api/audit/verify");
        Assert.True((bool)covered["valid"]!, covered.ToJsonString());
        Assert.Equal(entries.Count + 1, (long)covered["checked"]!);
        Assert.Equal(8, (int)covered["rowsChecked"]!);
        Assert.Equal(AuditSeal.RowsExtendedAction, (string?)(await client.GetJsonAsync("/api/audit?take=1"))["entries"]![0]!["action"]);

        // Watched from then on; a later start records nothing again.
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "Reprogrammings" SET "Target" = '>= 50' WHERE "Kind" = 'ReviseTarget'"""));
        var finding = SingleFinding(await client.GetJsonAsync("/api/audit/verify"), "Row");
        Assert.Equal(("Reprogrammings", $"{Org}:{plan}"), ((string?)finding["table"], (string?)finding["plan"]));
        await using var again = factory.WithWebHostBuilder(_ => { });
        Assert.Equal(entries.Count + 1, (long)(await again.CreateClient().GetJsonAsync("/api/audit/verify"))["checked"]!);
    }

    /// <summary>The chain rewritten from an entry onwards with every hash recomputed (SHA-256 is public): the signatures give it away.</summary>
    [Theory]
    [InlineData(3, false)]
    [InlineData(3, true)]
    [InlineData(1, true)]
    public async Task The_chain_rewritten_from_an_entry_onwards_is_reported_there(long from, bool stripSignatures)
    {
        await using var factory = new ApiFactory();
        var (admin, _, _) = await ArrangeAsync(factory);
        await RewriteChainAsync(factory, from, after => after?.Replace("60", "99").Replace("70", "98"), stripSignatures);

        var verification = await VerifyAsync(admin);
        Assert.False((bool)verification["valid"]!);
        Assert.Equal(from, (long)verification["brokenAtSequence"]!);
        Assert.Equal(from - 1, (long)verification["checked"]!);
        Assert.Contains(stripSignatures ? "signature" : "signature does not match", (string?)verification["problem"]);
    }

    /// <summary>What an attacker without the key can do: change an entry, recompute every hash from there, and rewrite them.</summary>
    private static async Task RewriteChainAsync(ApiFactory factory, long from, Func<string?, string?> change, bool stripSignatures)
    {
        var entries = await ReadEntriesAsync(factory);
        var previous = from == 1 ? AuditChain.Genesis : entries.Single(e => e.Sequence == from - 1).Hash;
        foreach (var e in entries.Where(e => e.Sequence >= from).OrderBy(e => e.Sequence))
        {
            var rewritten = new AuditEntry
            {
                Sequence = e.Sequence, At = e.At, Actor = e.Actor, Role = e.Role, Organization = e.Organization, PlanId = e.PlanId, IndicatorId = e.IndicatorId,
                EntityType = e.EntityType, EntityId = e.EntityId, EntityCode = e.EntityCode, Action = e.Action, Before = e.Before,
                After = e.Sequence == from ? change(e.After) : e.After, Reason = e.Reason, Rows = e.Rows, PreviousHash = previous,
            };
            rewritten.Hash = previous = AuditChain.ComputeHash(rewritten);
            await TrustKit.ExecuteAsync(factory, $"""
                UPDATE "AuditEntries" SET "After" = {Text(rewritten.After)}, "PreviousHash" = '{rewritten.PreviousHash}', "Hash" = '{rewritten.Hash}'
                {(stripSignatures ? ", \"Signature\" = ''" : "")} WHERE "Sequence" = {e.Sequence}
                """);
        }
    }

    private static string Text(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''") + "'";

    private static async Task<List<AuditEntry>> ReadEntriesAsync(ApiFactory factory)
    {
        await using var connection = TrustKit.Open(factory);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Sequence", "At", "Actor", "Role", "Organization", "PlanId", "IndicatorId", "EntityType", "EntityId", "EntityCode", "Action",
                   "Before", "After", "Reason", "Rows", "PreviousHash", "Hash" FROM "AuditEntries" ORDER BY "Sequence"
            """;
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        string? S(int i) => reader.IsDBNull(i) ? null : reader.GetValue(i).ToString();
        Guid? G(int i) => reader.IsDBNull(i) ? null : Guid.Parse(reader.GetValue(i).ToString()!);
        while (await reader.ReadAsync())
            entries.Add(new AuditEntry
            {
                Sequence = reader.GetInt64(0), At = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), Actor = S(2)!, Role = S(3)!, Organization = S(4),
                PlanId = G(5), IndicatorId = G(6), EntityType = S(7)!, EntityId = G(8), EntityCode = S(9), Action = S(10)!, Before = S(11), After = S(12),
                Reason = S(13), Rows = S(14), PreviousHash = S(15)!, Hash = S(16)!,
            });
        return entries;
    }

    [Fact]
    public async Task Entries_removed_from_the_end_are_found_with_the_checkpoint_exported_before()
    {
        await using var factory = new ApiFactory();
        var (admin, plan, _) = await ArrangeAsync(factory);
        var late = await factory.CreateClient().PostActualOkAsync(plan, "I2", """{"year":2024,"period":"M05","value":91}""");
        var exported = await admin.GetJsonAsync("/api/audit/checkpoints");
        Assert.Equal("performance-audit-checkpoints/1", (string?)exported["format"]);
        var head = (long)exported["head"]!["sequence"]!;
        Assert.Equal(9, head);
        Assert.NotEmpty(exported["checkpoints"]!.AsArray());

        // The attacker removes the last entry, the figure it recorded and every stored checkpoint that would tell.
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, $"""DELETE FROM "AuditEntries" WHERE "Sequence" = {head}"""));
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "Actuals" WHERE "Period" = 'M05'"""));
        await TrustKit.ExecuteAsync(factory, $"""DELETE FROM "AuditCheckpoints" WHERE "Sequence" >= {head}""");
        Assert.Null((await admin.GetJsonAsync($"/api/indicators/{plan}:I2/actuals")).AsArray().FirstOrDefault(p => (string?)p!["period"] == "M05"));

        // Without the exported checkpoint nothing shows: what is left is a consistent, shorter trail.
        var alone = await VerifyAsync(admin);
        Assert.True((bool)alone["valid"]!, alone.ToJsonString());

        // With it, the cut is found.
        var response = await admin.PostJsonTextAsync("/api/audit/verify", exported.ToJsonString());
        var verification = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var finding = SingleFinding(verification, "Checkpoint");
        Assert.Equal(head, (long)finding["sequence"]!);
        Assert.Contains($"the trail now ends at entry {head - 1}: entries were removed from its end", (string?)finding["problem"]);
        Assert.NotNull(late["id"]);
    }

    /// <summary>Checkpoints stored after every entry: a cut that leaves them behind is found without an exported one.</summary>
    private sealed class CheckpointEveryEntryFactory : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Audit:CheckpointEveryEntries", "1")];
    }

    [Fact]
    public async Task A_stored_checkpoint_the_attacker_left_behind_reveals_the_cut_and_a_forged_one_is_named()
    {
        await using var factory = new CheckpointEveryEntryFactory();
        var (admin, plan, _) = await ArrangeAsync(factory);
        Assert.Equal(8, (await admin.GetJsonAsync("/api/audit/checkpoints"))["checkpoints"]!.AsArray().Count);
        await factory.CreateClient().PostActualOkAsync(plan, "I2", """{"year":2024,"period":"M05","value":91}""");
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "AuditEntries" WHERE "Sequence" = 9"""));
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "Actuals" WHERE "Period" = 'M05'"""));
        var cut = SingleFinding(await VerifyAsync(admin), "Checkpoint");
        Assert.Contains("the trail now ends at entry 8: entries were removed from its end", (string?)cut["problem"]);

        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """DELETE FROM "AuditCheckpoints" WHERE "Sequence" = 9"""));
        Assert.True((bool)(await VerifyAsync(admin))["valid"]!);
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, $"""UPDATE "AuditCheckpoints" SET "Hash" = '{new string('a', 64)}' WHERE "Sequence" = 4"""));
        var forged = SingleFinding(await VerifyAsync(admin), "Checkpoint");
        Assert.Equal(4, (long)forged["sequence"]!);
        Assert.Contains("not signed with the audit key", (string?)forged["problem"]);
    }

    [Fact]
    public async Task Checkpoints_sent_back_must_carry_this_services_signature_and_an_organization_verifies_its_own()
    {
        await using var factory = new ApiFactory();
        var (admin, plan, _) = await ArrangeAsync(factory);
        var exported = (await admin.GetJsonAsync("/api/audit/checkpoints")).AsObject();

        var altered = JsonNode.Parse(exported.ToJsonString())!;
        altered["head"]!["sequence"] = (long)altered["head"]!["sequence"]! + 5;
        var errors = await (await admin.PostJsonTextAsync("/api/audit/verify", altered.ToJsonString())).AssertValidationProblemAsync();
        errors.AssertError("head.signature", "audit key");
        var garbage = await (await admin.PostJsonTextAsync("/api/audit/verify", """{"checkpoints":[null,{"sequence":-1,"hash":"x","at":"2024-01-01T00:00:00Z","signature":"y"}]}"""))
            .AssertValidationProblemAsync();
        garbage.AssertError("checkpoints[0]");
        garbage.AssertError("checkpoints[1].hash");
        garbage.AssertError("checkpoints[1].signature");

        // An organization's auditor gets its organization's last entry, signed for it, and no stored (whole-chain) checkpoint.
        var oiv = factory.CreateClientAs(TrustKit.Key("Oiv", Org));
        var own = await oiv.GetJsonAsync("/api/audit/checkpoints");
        Assert.Equal(Org, (string?)own["head"]!["organization"]);
        Assert.Empty(own["checkpoints"]!.AsArray());
        var ownPage = await oiv.GetJsonAsync($"/api/audit?plan={plan}&take=1");
        Assert.Equal((long)ownPage["entries"]![0]!["sequence"]!, (long)own["head"]!["sequence"]!);
        Assert.True((bool)(await (await oiv.PostJsonTextAsync("/api/audit/verify", own.ToJsonString())).ReadJsonAsync())["valid"]!);
        // The whole chain's checkpoint is not theirs to verify, nor another organization's.
        (await (await oiv.PostJsonTextAsync("/api/audit/verify", exported.ToJsonString())).AssertValidationProblemAsync()).AssertError("head.organization");
        var stranger = factory.CreateClientAs(TrustKit.Key("Oiv", "OTHER"));
        (await (await stranger.PostJsonTextAsync("/api/audit/verify", own.ToJsonString())).AssertValidationProblemAsync()).AssertError("head.organization");
    }

    [Fact]
    public async Task A_replaced_plan_takes_its_rows_out_of_what_the_trail_expects()
    {
        await using var factory = new ApiFactory();
        var admin = factory.CreateClient();
        var document = SmallPlan.Plan("INT-REPLACE", nodes: [SmallPlan.Node("OBJ", indicators: [SmallPlan.Indicator("I1"), SmallPlan.Indicator("I2")])]);
        Assert.Equal(HttpStatusCode.Created, (await admin.ImportAsync(document)).StatusCode);
        document["nodes"]![0]!["indicators"]!.AsArray().RemoveAt(1);
        document["nodes"]![0]!["weight"] = 4;
        Assert.Equal(HttpStatusCode.Created, (await admin.ImportAsync(document, replace: true)).StatusCode);
        var verification = await VerifyAsync(admin);
        Assert.True((bool)verification["valid"]!, verification.ToJsonString());
        Assert.Equal(3, (int)verification["rowsChecked"]!); // the node, I1 and its target: nothing of the plan it replaced
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "Nodes" SET "Weight" = 1 WHERE "Code" = 'OBJ'"""));
        Assert.Equal("Nodes", (string?)SingleFinding(await VerifyAsync(admin), "Row")["table"]);
    }

    [Fact]
    public async Task The_key_is_the_services_and_not_the_databases()
    {
        await using var factory = new ApiFactory();
        var (admin, _, _) = await ArrangeAsync(factory);
        const string key = "demo-audit-key-REPLACE-IN-PRODUCTION-0123456789abcdef";
        Assert.DoesNotContain(key, await DumpAsync(factory));

        // The same database read by a service holding another key: nothing verifies.
        await using var impostor = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:Key"] = "another-key-of-at-least-thirty-two-characters" })));
        var elsewhere = await impostor.CreateClient().GetJsonAsync("/api/audit/verify");
        Assert.False((bool)elsewhere["valid"]!);
        Assert.Equal(1, (long)elsewhere["brokenAtSequence"]!);
        Assert.Contains("another key", (string?)elsewhere["problem"]);
        Assert.True((bool)(await VerifyAsync(admin))["valid"]!);
    }

    private static async Task<string> DumpAsync(ApiFactory factory)
    {
        var all = new System.Text.StringBuilder();
        foreach (var table in new[] { "AuditEntries", "AuditCheckpoints", "WriteLocks", "Plans", "Actuals" })
        {
            await using var connection = TrustKit.Open(factory);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {TrustKit.Q(table)}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var c = 0; c < reader.FieldCount; c++) all.Append(reader.IsDBNull(c) ? "" : reader.GetValue(c).ToString()).Append('|');
        }
        Assert.True(all.Length > 1000);
        return all.ToString();
    }

    [Fact]
    public async Task Entries_written_before_the_service_had_a_key_are_sealed_at_the_next_start()
    {
        await using var factory = new ApiFactory();
        var (admin, _, _) = await ArrangeAsync(factory);
        // The trail as an earlier version left it: SHA-256 links only, no signatures, no rows, no checkpoints.
        var entries = await ReadEntriesAsync(factory);
        var previous = AuditChain.Genesis;
        foreach (var e in entries)
        {
            e.PreviousHash = previous;
            e.Rows = null;
            e.Hash = previous = AuditChain.ComputeHash(e);
            await TrustKit.ExecuteAsync(factory, $"""
                UPDATE "AuditEntries" SET "Rows" = NULL, "Signature" = '', "PreviousHash" = '{e.PreviousHash}', "Hash" = '{e.Hash}' WHERE "Sequence" = {e.Sequence}
                """);
        }
        await TrustKit.ExecuteAsync(factory, """DELETE FROM "AuditCheckpoints" WHERE 1 = 1""");
        var unsealed = await VerifyAsync(admin);
        Assert.False((bool)unsealed["valid"]!);
        Assert.Equal(1, (long)unsealed["brokenAtSequence"]!);
        Assert.Contains("no seal", (string?)unsealed["problem"]);

        // The service starts again on that database: it seals the old entries and takes the rows as they are as the baseline.
        await using var restarted = factory.WithWebHostBuilder(_ => { });
        var client = restarted.CreateClient();
        var sealedTrail = await client.GetJsonAsync("/api/audit/verify");
        Assert.True((bool)sealedTrail["valid"]!, sealedTrail.ToJsonString());
        Assert.Equal(entries.Count + 1, (long)sealedTrail["checked"]!);
        var seal = (await client.GetJsonAsync("/api/audit?take=1"))["entries"]![0]!;
        Assert.Equal(AuditChain.SealAction, (string?)seal["action"]);

        // From then on the old entries are as safe as new ones, and the rows are watched.
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "AuditEntries" SET "Actor" = 'qualcun altro' WHERE "Sequence" = 2"""));
        Assert.Equal(2, (long)(await client.GetJsonAsync("/api/audit/verify"))["brokenAtSequence"]!);
        Assert.Equal(1, await TrustKit.ExecuteAsync(factory, """UPDATE "Nodes" SET "Weight" = 9 WHERE "Code" = 'OBJ'"""));
        Assert.Contains((await client.GetJsonAsync("/api/audit/verify"))["findings"]!.AsArray(), f => (string?)f!["table"] == "Nodes");
    }
}
