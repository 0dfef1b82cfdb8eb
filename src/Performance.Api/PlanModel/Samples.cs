using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>A sampled consuntivo: the figure as drawn (that revision) and the OIV's check.</summary>
public sealed record SampleItemResponse(
    Guid Actual, int Position, string? Structure, string Indicator, string IndicatorName, string Period, int Revision,
    decimal? Value, decimal? Numerator, decimal? Denominator, bool? Done, decimal? Completion, ActualStatus Status,
    SampleOutcome Outcome, string? Note, string? CheckedBy, DateTime? CheckedAt);

/// <summary>A verification sample: how it was drawn (seed, size, algorithm: enough to draw it again) and its items.</summary>
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
