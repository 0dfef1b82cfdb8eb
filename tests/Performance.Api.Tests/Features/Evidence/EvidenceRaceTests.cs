using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;
using Performance.Domain.Evidence;

namespace Performance.Api.Tests.Features.Evidence;

/// <summary>
/// Decisions and draws that overlap for real: a rendezvous holds every matching save until all the racing requests have
/// read the state they decide on, so each one believes it is first. Exactly one may be stored; the others get a 409.
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

    /// <summary>Holds the saves a predicate picks until the given number of them have arrived (then lets them all go).</summary>
    public sealed class Rendezvous : SaveChangesInterceptor
    {
        private Func<DbContext, bool> _applies = _ => false;
        private int _parties, _arrived;
        private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm(int parties, Func<DbContext, bool> applies) =>
            (_parties, _arrived, _applies, _all) = (parties, 0, applies, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } db && _applies(db))
            {
                if (Interlocked.Increment(ref _arrived) >= _parties) _all.TrySetResult();
                await _all.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            return result;
        }
    }

    private static bool Saving<T>(DbContext db, EntityState state) where T : class => db.ChangeTracker.Entries<T>().Any(e => e.State == state);

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
        var proposal = await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync($"/api/indicators/{plan.Indicator("IA1")}/forzature",
            $$"""{"year":2024,"kind":"ForcedScore","score":80,"reason":"sistema non disponibile","evidence":["{{evidence["id"]}}"]}"""), HttpStatusCode.Created);
        var url = $"/api/forzature/{proposal["id"]}";

        factory.Rendezvous.Arm(2, db => Saving<Forzatura>(db, EntityState.Modified));
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
        string Proposal(int score) => $$"""{"year":2024,"kind":"ForcedScore","score":{{score}},"reason":"sistema non disponibile","evidence":["{{evidence["id"]}}"]}""";
        var url = $"/api/indicators/{plan.Indicator("IA1")}/forzature";

        factory.Rendezvous.Arm(2, db => Saving<Forzatura>(db, EntityState.Added));
        var winner = await (await ExactlyOneWinsAsync(HttpStatusCode.Created,
            plan.Office.PostJsonTextAsync(url, Proposal(70)), plan.Admin.PostJsonTextAsync(url, Proposal(60)))).ReadJsonAsync();

        var waiting = Assert.Single((await plan.Oiv.GetJsonAsync($"{url}?status=Proposed")).AsArray())!;
        Assert.Equal((string?)winner["id"], (string?)waiting["id"]);
        Assert.Single(await plan.AuditAsync("ForzaturaProposed"));
        // Once decided, the next proposal for the same indicator and year is accepted: the index holds only waiting ones.
        await EvidencePlan.OkAsync(plan.Oiv.PostJsonTextAsync($"/api/forzature/{winner["id"]}/reject", """{"note":"non documentato"}"""));
        await EvidencePlan.OkAsync(plan.Office.PostJsonTextAsync(url, Proposal(65)), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Of_draws_racing_for_the_same_year_exactly_one_is_stored_first_and_again_when_redrawn()
    {
        var plan = await EvidencePlan.ImportAsync(factory, "RACE");
        foreach (var indicator in new[] { "IA1", "IA2", "IB1" }) await plan.SubmitAsync(await plan.ActualAsync(indicator, 10));
        var url = $"/api/plans/{plan.Code}/years/2024/samples";

        // Two first draws: each saw no sample of the year.
        factory.Rendezvous.Arm(2, db => Saving<VerificationSample>(db, EntityState.Added));
        var first = await (await ExactlyOneWinsAsync(HttpStatusCode.Created,
            plan.Oiv.PostJsonTextAsync(url, """{"seed":1,"size":1}"""),
            plan.Oiv.PostJsonTextAsync(url, """{"seed":2,"size":1}"""))).ReadJsonAsync();

        // Two redraws with their reasons: each would supersede the first.
        factory.Rendezvous.Arm(2, db => Saving<VerificationSample>(db, EntityState.Added));
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
}
