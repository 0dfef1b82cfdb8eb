using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Api.Tests.Security;
using Performance.Domain.Evidence;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>
/// Decisions, proposals and draws that overlap for real. Draws meet at a rendezvous that holds each of them, once it has read
/// the state it decides on and before it takes the plan's lock, until all the racing requests are there, so each one believes
/// it is first (or until the test has validated the year meanwhile). Forzature are proposed and
/// decided under the plan's lock (taken before anything is read: a rendezvous there would hold the lock's holder and wait
/// for the one it keeps out), so their races are fired together, many times, and what the database kept is checked.
/// Exactly one may be stored; the others get a 409.
/// </summary>
public sealed class EvidenceRaceTests(EvidenceRaceTests.RacingApiFactory factory) : IClassFixture<EvidenceRaceTests.RacingApiFactory>
{
    public sealed class RacingApiFactory : ApiFactory
    {
        public Rendezvous Rendezvous { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<PerformanceDbContext>(o => o.AddInterceptors(Rendezvous)));
        }
    }

    /// <summary>
    /// Holds the requests whose reads a predicate picks, once such a read is done, until the given number of them have
    /// arrived (then lets them all go). A draw is held after its last read of the samples made before it takes the plan's
    /// lock (outside any transaction): each racing draw has then read the state it decides on, and none holds the lock the
    /// others would wait for.
    /// </summary>
    public sealed class Rendezvous : DbCommandInterceptor
    {
        private Func<DbContext, DbCommand, bool> _applies = (_, _) => false;
        private int _parties, _arrived;
        private TaskCompletionSource _all = Done(), _first = Done();

        private static TaskCompletionSource Done()
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.SetResult();
            return done;
        }

        public void Arm(int parties, Func<DbContext, DbCommand, bool> applies) =>
            (_parties, _arrived, _applies, _all, _first) = (parties, 0, applies, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
                new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        /// <summary>Completes when the first request is held.</summary>
        public Task FirstHeld => _first.Task;

        /// <summary>Lets the held requests go before the other parties arrived (the test did itself what they waited for).</summary>
        public void Release() => _all.TrySetResult();

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (eventData.Context is { } db && !_all.Task.IsCompleted && _applies(db, command))
            {
                if (Interlocked.Increment(ref _arrived) >= _parties) _all.TrySetResult();
                _first.TrySetResult();
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
            return result;
        }
    }

    /// <summary>A read of the samples outside a transaction: a draw's look at the draw in force, before it takes the plan's lock.</summary>
    private static bool ReadingSamples(DbContext db, DbCommand command) =>
        db.Database.CurrentTransaction is null && command.CommandText.Contains("\"VerificationSamples\"", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> ExactlyOneWinsAsync(HttpStatusCode success, params Task<HttpResponseMessage>[] calls)
    {
        var responses = await Task.WhenAll(calls);
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == success) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == calls.Length - 1, string.Join(", ", statuses));
        foreach (var lost in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict)) Assert.NotNull((await lost.AssertProblemAsync(HttpStatusCode.Conflict))["detail"]);
        return responses.Single(r => r.StatusCode == success);
    }

    [Fact]
    public async Task Of_an_approval_and_a_rejection_racing_on_one_forzatura_exactly_one_is_recorded()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        await plan.ActualAsync("IA1", 50);
        var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(100), "nota.pdf");
        var proposal = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature", Proposal(evidence, 80)),
            HttpStatusCode.Created);
        var url = $"/api/forzature/{proposal["id"]}";

        var winner = await (await ExactlyOneWinsAsync(HttpStatusCode.OK,
            plan.Oiv.PostJsonTextAsync($"{url}/approve", """{"note":"documentato"}"""),
            plan.Oiv.PostJsonTextAsync($"{url}/reject", """{"note":"non documentato"}"""))).ReadJsonAsync();

        var stored = (await plan.Oiv.GetJsonAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature")).AsArray().Single(f => (string?)f!["id"] == (string?)proposal["id"])!;
        Assert.Equal((string?)winner["status"], (string?)stored["status"]);
        Assert.Equal((string?)winner["decisionNote"], (string?)stored["decisionNote"]);
        Assert.Single(await plan.AuditAsync($"Forzatura{winner["status"]}"));
        Assert.Empty(await plan.AuditAsync((string?)winner["status"] == "Approved" ? "ForzaturaRejected" : "ForzaturaApproved"));
    }

    [Fact]
    public async Task Of_two_proposals_racing_for_one_indicator_and_year_exactly_one_waits()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(100), "nota.pdf");
        var url = $"/api/indicators/{plan.Indicator("IA1")}/forzature";

        var winner = await (await ExactlyOneWinsAsync(HttpStatusCode.Created,
            plan.Office.PostJsonTextAsync(url, Proposal(evidence, 70)), plan.Admin.PostJsonTextAsync(url, Proposal(evidence, 60)))).ReadJsonAsync();

        var waiting = Assert.Single((await plan.Oiv.GetJsonAsync($"{url}?status=Proposed")).AsArray())!;
        Assert.Equal((string?)winner["id"], (string?)waiting["id"]);
        Assert.Single(await plan.AuditAsync("ForzaturaProposed"));
        // Once decided, the next proposal for the same indicator and year is accepted: the index holds only waiting ones.
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{winner["id"]}/reject", """{"note":"non documentato"}"""));
        await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync(url, Proposal(evidence, 65)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Of_draws_racing_for_the_same_year_exactly_one_is_stored_first_and_again_when_redrawn()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        foreach (var indicator in new[] { "IA1", "IA2", "IB1" }) await plan.SubmitAsync(await plan.ActualAsync(indicator, 10));
        var url = $"/api/plans/{plan.Code}/years/2024/samples";

        // Two first draws: each saw no sample of the year.
        factory.Rendezvous.Arm(2, ReadingSamples);
        var first = await (await ExactlyOneWinsAsync(HttpStatusCode.Created,
            plan.Oiv.PostJsonTextAsync(url, """{"seed":1,"size":1}"""),
            plan.Oiv.PostJsonTextAsync(url, """{"seed":2,"size":1}"""))).ReadJsonAsync();

        // Two redraws with their reasons: each would supersede the first.
        factory.Rendezvous.Arm(2, ReadingSamples);
        var second = await (await ExactlyOneWinsAsync(HttpStatusCode.Created,
            plan.Oiv.PostJsonTextAsync(url, """{"seed":3,"size":2,"reason":"campione troppo piccolo"}"""),
            plan.Oiv.PostJsonTextAsync(url, """{"seed":4,"size":2,"reason":"seme concordato"}"""))).ReadJsonAsync();

        var samples = (await plan.Oiv.GetJsonAsync(url)).AsArray();
        Assert.Equal([(string?)second["id"], (string?)first["id"]], samples.Select(s => (string?)s!["id"]));
        Assert.Null(samples[0]!["supersededBy"]);
        Assert.Equal((string?)second["id"], (string?)samples[1]!["supersededBy"]);
        Assert.Equal(2, (await plan.AuditAsync("SampleDrawn")).Count);
        Assert.Single(await plan.AuditAsync("SampleSuperseded"));
    }

    [Fact]
    public async Task A_draw_that_read_its_year_open_is_refused_when_the_year_is_validated_before_it_is_stored()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        await plan.ValidatedAsync("IA1", 50); // a figure to sample, and a year ready to be validated
        var url = $"/api/plans/{plan.Code}/years/2024/samples";

        // The draw has read the year (open, no sample) and is held before it takes the plan's lock; the year is validated meanwhile.
        factory.Rendezvous.Arm(2, ReadingSamples);
        var draw = plan.Oiv.PostJsonTextAsync(url, """{"seed":1,"size":1}""");
        await factory.Rendezvous.FirstHeld.WaitAsync(TimeSpan.FromSeconds(30));
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}"));
        factory.Rendezvous.Release();

        // The validated year's record (and its validation document, which lists the samples) stays as validated.
        var refused = await (await draw).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("validated", (string?)refused["detail"]);
        Assert.Empty((await plan.Oiv.GetJsonAsync(url)).AsArray());
        Assert.Empty(await plan.AuditAsync("SampleDrawn"));
    }

    private static string Proposal(JsonNode evidence, int score) =>
        $$"""{"year":2024,"kind":"ForcedScore","score":{{score}},"reason":"sistema non disponibile","evidence":["{{evidence["id"]}}"]}""";

    [Fact]
    public async Task Of_approvals_racing_for_one_indicator_and_year_exactly_one_forzatura_is_in_force()
    {
        const int trials = 6;
        for (var trial = 0; trial < trials; trial++)
        {
            // The first forzatura is in force; the second waits. Two OIV approvals of it and a rejection are sent at once.
            var plan = await EvidencePlan.ImportAsync(factory, "RACE");
            await plan.ActualAsync("IA1", 50);
            var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(100), "nota.pdf");
            var url = $"/api/indicators/{plan.Indicator("IA1")}/forzature";
            var first = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync(url, Proposal(evidence, 70)), HttpStatusCode.Created);
            await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{first["id"]}/approve", "{}"));
            var second = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync(url, Proposal(evidence, 60)), HttpStatusCode.Created);
            var decide = $"/api/forzature/{second["id"]}";
            var otherOiv = factory.CreateClientAs(TrustKit.Key("Oiv", EvidencePlan.Org));
            var responses = await Racing.TogetherAsync(
                () => plan.Oiv.PostJsonTextAsync($"{decide}/approve", """{"note":"documentato"}"""),
                () => otherOiv.PostJsonTextAsync($"{decide}/approve", """{"note":"confermato"}"""),
                () => plan.Oiv.PostJsonTextAsync($"{decide}/reject", """{"note":"non documentato"}"""));
            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == 2, string.Join(", ", statuses));
            var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadJsonAsync();
            var key = (string)winner["status"]!;

            // Exactly one in force, the first superseded only by an approval of the second; the audit trail says the same.
            var all = (await plan.Oiv.GetJsonAsync($"{url}?year=2024")).AsArray().ToDictionary(f => (string)f!["id"]!, f => (string)f!["status"]!);
            Assert.Single(all.Values, v => v == "Approved");
            Assert.Equal(key == "Approved" ? "Superseded" : "Approved", all[(string)first["id"]!]);
            Assert.Equal(key, all[(string)second["id"]!]);
            Assert.Equal(key == "Approved" ? 2 : 1, (await plan.AuditAsync("ForzaturaApproved")).Count);
            Assert.Equal(key == "Approved" ? 1 : 0, (await plan.AuditAsync("ForzaturaSuperseded")).Count);
            var score = TestPlans.Dec(TestPlans.IndicatorIn(await plan.Viewer.GetJsonAsync($"/api/plans/{plan.Code}/scorecard?year=2024"), "IA1")["score"]);
            Assert.Equal(key == "Approved" ? 60m : 70m, score);
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_forzatura_in_force_for_one_indicator_and_year()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA1")}/attachments", EvidencePlan.Pdf(100), "nota.pdf");
        var proposed = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature", Proposal(evidence, 70)),
            HttpStatusCode.Created);
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{proposed["id"]}/approve", "{}"));

        // A writer that skipped the handler (and its lock) cannot store a second approved one: the filtered unique index refuses it.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        var stored = await db.Set<Forzatura>().AsNoTracking().SingleAsync(f => f.Id == Guid.Parse((string)proposed["id"]!));
        Forzatura Copy(ForzaturaStatus status) => new()
        {
            PlanId = stored.PlanId, IndicatorId = stored.IndicatorId, Year = stored.Year, Kind = ForzaturaKind.NotAssessable, Reason = "scritta a mano",
            ProposedBy = "altro", ProposedAt = stored.ProposedAt, Status = status, DecidedBy = "oiv", DecidedAt = stored.ProposedAt,
        };
        db.Set<Forzatura>().Add(Copy(ForzaturaStatus.Approved));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        // Superseded and rejected ones are history: as many as there were.
        db.Set<Forzatura>().AddRange(Copy(ForzaturaStatus.Superseded), Copy(ForzaturaStatus.Superseded), Copy(ForzaturaStatus.Rejected));
        Assert.Equal(3, await db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_proposal_racing_the_validation_of_its_year_never_lands_in_the_validated_year()
    {
        const int trials = 8;
        for (var trial = 0; trial < trials; trial++)
        {
            // Every consuntivo of 2024 is validated: the OIV may validate the year while the office proposes a forzatura.
            var plan = await EvidencePlan.ImportAsync(factory, "RACE");
            await plan.ValidatedAsync("IA1", 50);
            var evidence = await plan.UploadAsync(plan.Office, $"/api/indicators/{plan.Indicator("IA2")}/attachments", EvidencePlan.Pdf(100), "nota.pdf");
            var url = $"/api/indicators/{plan.Indicator("IA2")}/forzature";
            var responses = await Racing.TogetherAsync(
                () => plan.Office.PostJsonTextAsync(url, Proposal(evidence, 40)),
                () => plan.Oiv.PostJsonTextAsync($"/api/plans/{plan.Code}/years/2024/validate", "{}"));
            var (proposal, validation) = (responses[0].StatusCode, responses[1].StatusCode);
            var key = $"{(int)proposal}/{(int)validation}";

            // One of the two, never both: a proposal first keeps the year open; a validation first refuses the proposal.
            Assert.True(key is "201/409" or "409/200", key);
            var detail = (string?)(await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).AssertProblemAsync(HttpStatusCode.Conflict))["detail"];
            Assert.Contains(proposal == HttpStatusCode.Created ? "forzatura" : "validated", detail);
            var waiting = (await plan.Oiv.GetJsonAsync($"{url}?status=Proposed")).AsArray().Count;
            var validated = (bool)(await plan.Oiv.GetJsonAsync($"/api/plans/{plan.Code}/years/2024"))["validated"]!;
            Assert.False(validated && waiting > 0, $"trial {trial}: the year is validated with {waiting} forzatura(e) waiting");
        }
    }

    [Fact]
    public async Task Evidence_racing_the_review_of_its_figure_is_never_added_after_the_validation_nor_removed_after_the_submission()
    {
        const int trials = 8;
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        var violations = new List<string>();
        for (var trial = 0; trial < trials; trial++)
        {
            // Two figures of their own month: one submitted (the OIV validates it while the office adds a
            // source), one draft with a source (the office submits it while a colleague removes the source).
            var toValidate = await plan.ActualAsync("IA2", 10, $"M{trial + 1:00}");
            await plan.SubmitAsync(toValidate);
            var toSubmit = await plan.ActualAsync("IA1", 10, $"M{trial + 1:00}");
            var source = await plan.UploadAsync(plan.Office, $"/api/actuals/{toSubmit}/attachments", EvidencePlan.Pdf(100, trial), "fonte.pdf");
            var colleague = factory.CreateClientAs(TrustKit.Key("ControlloGestione", EvidencePlan.Org));
            var responses = await Racing.TogetherAsync(
                () => plan.Oiv.PostJsonTextAsync($"/api/actuals/{toValidate}/validate", "{}"),
                () => EvidencePlan.MultipartAsync(plan.Office, $"/api/actuals/{toValidate}/attachments", EvidencePlan.Pdf(100, 100 + trial), "tardiva.pdf"),
                () => plan.Office.PostJsonTextAsync($"/api/actuals/{toSubmit}/submit", "{}"),
                () => colleague.DeleteAsync($"/api/attachments/{source["id"]}"));
            var key = string.Join("/", responses.Select(r => (int)r.StatusCode));
            Assert.Equal(HttpStatusCode.OK, responses[0].StatusCode);
            Assert.Equal(HttpStatusCode.OK, responses[2].StatusCode);
            Assert.True(responses[1].StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, key);
            Assert.True(responses[3].StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict, key);

            // The audit sequence is the commit order: an upload accepted committed before the validation, a removal before the submission.
            var page = (await plan.Admin.GetJsonAsync($"/api/audit?plan={plan.Code}&take=20"))["entries"]!.AsArray();
            long Sequence(string action, Guid? entity) =>
                page.Where(e => (string?)e!["action"] == action && (entity is null || (string?)e["entityId"] == entity.ToString())).Select(e => (long)e!["sequence"]!).Max();
            if (responses[1].StatusCode == HttpStatusCode.Created && Sequence("AttachmentUploaded", null) > Sequence("ActualValidate", toValidate))
                violations.Add($"trial {trial}: a source was added to {toValidate} after its validation");
            if (responses[3].StatusCode == HttpStatusCode.NoContent && Sequence("AttachmentDeleted", null) > Sequence("ActualSubmit", toSubmit))
                violations.Add($"trial {trial}: a source of {toSubmit} was removed after its submission");
        }
        Assert.Empty(violations);
    }
}
