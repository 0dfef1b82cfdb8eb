using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Plans;
using Performance.Domain.Scoring;

namespace Performance.Api.PlanModel;

/// <summary>A forzatura with its evidence, as lists, explanations and the validation document show it.</summary>
/// <param name="Id">The forzatura's id (to approve or reject it).</param>
/// <param name="Indicator">The indicator's code in the plan.</param>
/// <param name="IndicatorName">The indicator's name.</param>
/// <param name="Year">The plan year it applies to.</param>
/// <param name="Kind">NotAssessable (non valutabile) or ForcedScore.</param>
/// <param name="Score">The forced score, 0 to 100, for ForcedScore; null for NotAssessable.</param>
/// <param name="Reason">Why it was proposed.</param>
/// <param name="Status">Proposed (awaiting the OIV), Approved (in force), Rejected, or Superseded by a later approval.</param>
/// <param name="ProposedBy">Who proposed it (the name the service records as the actor).</param>
/// <param name="ProposedAt">When it was proposed (UTC).</param>
/// <param name="DecidedBy">Who approved or rejected it (the OIV); null while proposed.</param>
/// <param name="DecidedAt">When it was approved or rejected (UTC): an approval applies from then; null while proposed.</param>
/// <param name="DecisionNote">The OIV's note on the decision (the reason of a rejection); null when none was given.</param>
/// <param name="Evidence">The attachments cited as evidence, by file name.</param>
public sealed record ForzaturaResponse(
    Guid Id, string Indicator, string IndicatorName, int Year, ForzaturaKind Kind, decimal? Score, string Reason, ForzaturaStatus Status,
    string ProposedBy, DateTime ProposedAt, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote,
    IReadOnlyList<AttachmentResponse> Evidence);

/// <summary>
/// The approved forzature of a plan year, as scoring applies them: for each indicator the one approved last by the as-of
/// instant (a later approval supersedes an earlier one from its own date on, so <c>asOf</c> sees what was in force then).
/// </summary>
public sealed class ApprovedForzature
{
    public static ApprovedForzature None { get; } = new([]);

    private readonly ILookup<Guid, (DateTime At, ScoreJudgement Judgement)> _byIndicator;

    private ApprovedForzature(IEnumerable<(Guid Indicator, DateTime At, ScoreJudgement Judgement)> approved) =>
        _byIndicator = approved.ToLookup(a => a.Indicator, a => (a.At, a.Judgement));

    public static async Task<ApprovedForzature> LoadAsync(PerformanceDbContext db, Guid planId, int year, CancellationToken ct) =>
        Of(await Approved(db.Set<Forzatura>().Where(f => f.PlanId == planId && f.Year == year)).ToListAsync(ct));

    /// <summary>One indicator's approved forzature, by plan year, in one query (its trend reads every year).</summary>
    public static async Task<IReadOnlyDictionary<int, ApprovedForzature>> ByYearAsync(PerformanceDbContext db, Guid indicatorId, CancellationToken ct) =>
        (await Approved(db.Set<Forzatura>().Where(f => f.IndicatorId == indicatorId)).ToListAsync(ct))
            .GroupBy(f => f.Year).ToDictionary(g => g.Key, g => Of(g.ToList()));

    private sealed record Row(Guid IndicatorId, int Year, ForzaturaKind Kind, decimal? Score, string Reason, DateTime? DecidedAt);

    // Only the columns scoring reads: a cold tree load reads every approved forzatura of the year.
    private static IQueryable<Row> Approved(IQueryable<Forzatura> forzature) =>
        forzature.AsNoTracking().Where(f => f.Status == ForzaturaStatus.Approved || f.Status == ForzaturaStatus.Superseded)
            .Select(f => new Row(f.IndicatorId, f.Year, f.Kind, f.Score, f.Reason, f.DecidedAt));

    private static ApprovedForzature Of(List<Row> rows) =>
        rows.Count == 0 ? None : new ApprovedForzature(rows.Select(f => (f.IndicatorId, f.DecidedAt!.Value,
            new ScoreJudgement(f.Kind == ForzaturaKind.NotAssessable ? JudgementKind.NotAssessable : JudgementKind.ForcedScore, f.Score, f.Reason))));

    /// <param name="knownBy">The end of the as-of day (UTC); null = everything approved.</param>
    public ScoreJudgement? Of(Guid indicatorId, DateTime? knownBy)
    {
        (DateTime At, ScoreJudgement Judgement)? found = null;
        foreach (var f in _byIndicator[indicatorId])
            if ((knownBy is null || f.At <= knownBy) && (found is null || f.At > found.Value.At)) found = f;
        return found?.Judgement;
    }
}

public static class ForzatureQueries
{
    public static async Task<ForzaturaResponse> OneAsync(PerformanceDbContext db, Plan plan, Forzatura forzatura, CancellationToken ct) =>
        (await ListAsync(db, plan, ct, forzatura.IndicatorId, forzatura.Year)).Single(f => f.Id == forzatura.Id);

    /// <summary>The forzature of a plan (optionally of one indicator, year, status), newest first, with their evidence.</summary>
    public static async Task<List<ForzaturaResponse>> ListAsync(PerformanceDbContext db, Plan plan, CancellationToken ct,
        Guid? indicatorId = null, int? year = null, ForzaturaStatus? status = null)
    {
        var query = db.Set<Forzatura>().AsNoTracking().Include(f => f.Evidence).Where(f => f.PlanId == plan.Id);
        if (indicatorId is { } i) query = query.Where(f => f.IndicatorId == i);
        if (year is { } y) query = query.Where(f => f.Year == y);
        if (status is { } s) query = query.Where(f => f.Status == s);
        var forzature = await query.ToListAsync(ct);
        var indicatorIds = forzature.Select(f => f.IndicatorId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(x => indicatorIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var evidenceIds = forzature.SelectMany(f => f.Evidence).Select(e => e.AttachmentId).Distinct().ToList();
        var attachments = await db.Set<Attachment>().AsNoTracking().Where(a => evidenceIds.Contains(a.Id)).ToListAsync(ct);
        var evidence = (await EvidenceQueries.ProjectAsync(db, attachments, ct)).ToDictionary(a => a.Id);
        return forzature.OrderByDescending(f => f.ProposedAt).ThenBy(f => f.Id)
            .Select(f => new ForzaturaResponse(f.Id, indicators[f.IndicatorId].Code, indicators[f.IndicatorId].Name, f.Year, f.Kind, f.Score, f.Reason,
                f.Status, f.ProposedBy, EvidenceQueries.Utc(f.ProposedAt), f.DecidedBy, f.DecidedAt is { } d ? EvidenceQueries.Utc(d) : null, f.DecisionNote,
                f.Evidence.Select(e => evidence[e.AttachmentId]).OrderBy(a => a.FileName, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
