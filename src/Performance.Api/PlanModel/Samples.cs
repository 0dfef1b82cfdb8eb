using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>A sampled consuntivo: the figure as drawn (that revision) and the OIV's check.</summary>
/// <param name="Actual">The id of the consuntivo revision drawn (the current one at the draw).</param>
/// <param name="Position">Its place in the draw: 1, 2, … in the order the algorithm picked it.</param>
/// <param name="Structure">The stratum it was drawn from: the figure's own structure, else the one responsible for its indicator at 31 December; null for figures of no structure.</param>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="IndicatorName">The indicator's name.</param>
/// <param name="Period">The figure's period (<c>Q3</c>, <c>M07</c>, <c>Y</c>, …).</param>
/// <param name="Revision">The revision drawn.</param>
/// <param name="Value">The figure as entered, in the indicator's unit (a percentage as 85.5); null when none was given (e.g. a rate given by numerator and denominator).</param>
/// <param name="Numerator">For a rate: the numerator as entered.</param>
/// <param name="Denominator">For a rate: the denominator as entered.</param>
/// <param name="Done">For a milestone: whether it was achieved, as entered.</param>
/// <param name="Completion">For a milestone: the completion (SAL) in %, 0 to 100, as entered.</param>
/// <param name="Status">Where that revision stands now in the review workflow.</param>
/// <param name="Outcome">The OIV's check: Pending until marked, then Verified or NotVerified.</param>
/// <param name="Note">The OIV's note on the check (what did not match); null when none.</param>
/// <param name="CheckedBy">Who marked it last; null while Pending.</param>
/// <param name="CheckedAt">When it was marked last (UTC); null while Pending.</param>
public sealed record SampleItemResponse(
    Guid Actual, int Position, string? Structure, string Indicator, string IndicatorName, string Period, int Revision,
    decimal? Value, decimal? Numerator, decimal? Denominator, bool? Done, decimal? Completion, ActualStatus Status,
    SampleOutcome Outcome, string? Note, string? CheckedBy, DateTime? CheckedAt);

/// <summary>A verification sample: how it was drawn (seed, size, algorithm: enough to draw it again) and its items.</summary>
/// <param name="Id">The sample's id.</param>
/// <param name="Year">The plan year sampled.</param>
/// <param name="Seed">The seed of the draw, given or chosen by the service.</param>
/// <param name="Size">How many consuntivi were drawn.</param>
/// <param name="Share">The share of the population asked for (0 to 1), when the size was given as a share; null otherwise.</param>
/// <param name="Population">How many consuntivi could be drawn: the year's current revisions submitted or validated at the draw.</param>
/// <param name="Algorithm">The drawing algorithm and its version (<c>performance-sample/1 …</c>, written out in docs/evidence.md).</param>
/// <param name="DrawnAt">When it was drawn (UTC).</param>
/// <param name="DrawnBy">Who drew it (the name the service records as the actor).</param>
/// <param name="Reason">Why the year was sampled again; null for its first draw.</param>
/// <param name="SupersededBy">The id of the later draw that replaced it; null for the sample in force.</param>
/// <param name="Outcomes">How many items are in each outcome (Pending, Verified, NotVerified; 0 included).</param>
/// <param name="Items">The sampled consuntivi, in the order drawn.</param>
public sealed record SampleResponse(
    Guid Id, int Year, long Seed, int Size, decimal? Share, int Population, string Algorithm, DateTime DrawnAt, string DrawnBy,
    string? Reason, Guid? SupersededBy, IReadOnlyDictionary<SampleOutcome, int> Outcomes, IReadOnlyList<SampleItemResponse> Items);

public static class SampleQueries
{
    /// <summary>The samples of a plan year, the one in force first, then the superseded ones newest first.</summary>
    public static async Task<List<SampleResponse>> ListAsync(PerformanceDbContext db, Guid planId, int year, CancellationToken ct, Guid? only = null)
    {
        var query = db.Set<VerificationSample>().AsNoTracking().Include(s => s.Items).Where(s => s.PlanId == planId && s.Year == year);
        if (only is { } id) query = query.Where(s => s.Id == id);
        var samples = await query.ToListAsync(ct);
        var actualIds = samples.SelectMany(s => s.Items).Select(i => i.ActualId).Distinct().ToList();
        var actuals = await db.Actuals.AsNoTracking().Where(a => actualIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var indicatorIds = actuals.Values.Select(a => a.IndicatorId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        return samples.OrderByDescending(s => s.Draw) // the one in force first, then the ones it superseded
            .Select(s => Project(s, actuals, indicators)).ToList();
    }

    public static SampleResponse Project(VerificationSample s, IReadOnlyDictionary<Guid, Actual> actuals, IReadOnlyDictionary<Guid, Indicator> indicators)
    {
        var items = s.Items.OrderBy(i => i.Position).Select(i => Item(i, actuals[i.ActualId], indicators[actuals[i.ActualId].IndicatorId])).ToList();
        return new SampleResponse(s.Id, s.Year, s.Seed, s.Size, s.Share, s.Population, s.Algorithm, EvidenceQueries.Utc(s.DrawnAt), s.DrawnBy, s.Reason,
            s.SupersededById, Enum.GetValues<SampleOutcome>().ToDictionary(o => o, o => items.Count(i => i.Outcome == o)), items);
    }

    public static SampleItemResponse Item(SampledActual i, Actual a, Indicator indicator) => new(
        a.Id, i.Position, i.Stratum.Length == 0 ? null : i.Stratum, indicator.Code, indicator.Name, a.Period, a.Revision,
        a.Value, a.Numerator, a.Denominator, a.Done, a.Completion, a.Status, i.Outcome, i.Note, i.CheckedBy,
        i.CheckedAt is { } at ? EvidenceQueries.Utc(at) : null);
}
