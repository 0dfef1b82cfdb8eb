using Performance.Domain.Language;
using Performance.Domain.Periods;
using Performance.Domain.Plans;

namespace Performance.Domain.Actuals;

/// <summary>
/// What the stored state allows for new consuntivi (docs/workflow.md): nothing enters a closed period; a validated
/// figure changes only through a correction with a reason (which the OIV validates again); a submitted one waits for the
/// OIV's decision. Admitted entries are numbered after the stored revisions and the earlier entries of the same batch.
/// </summary>
public sealed class ActualAdmission
{
    private readonly IReadOnlyList<PeriodClosure> _closures;
    private readonly Dictionary<(Guid Indicator, Guid Scope, int Year, string Period), (int Revision, ActualStatus Status, ActualFigure? Figure)> _current;
    private readonly IReadOnlyList<YearValidation> _validations;

    /// <param name="closures">The plan's closures in force (not reopened).</param>
    /// <param name="current">The latest stored revision of each indicator, scope, year and period, with its status and (when
    /// read) what it says.</param>
    /// <param name="validations">The plan's years validated by the OIV: frozen, nothing enters them.</param>
    public ActualAdmission(IReadOnlyList<PeriodClosure> closures,
        Dictionary<(Guid Indicator, Guid Scope, int Year, string Period), (int Revision, ActualStatus Status, ActualFigure? Figure)> current,
        IReadOnlyList<YearValidation>? validations = null) =>
        (_closures, _current, _validations) = (closures, current, validations ?? []);

    /// <summary>Why the entry's year is frozen (validated by the OIV), or null.</summary>
    public string? FrozenYear(Actual actual) =>
        _validations.FirstOrDefault(v => v.Year == actual.Year) is { } v ? PlanFreeze.Describe(v) : null;

    /// <summary>
    /// The current revision (stored, or admitted earlier in the batch) when the entry says exactly what it says
    /// (<see cref="ActualFigure"/>): such an entry creates nothing. Null when the entry is new or different.
    /// </summary>
    public int? Unchanged(Actual actual) =>
        _current.TryGetValue((actual.IndicatorId, actual.ScopeId, actual.Year, actual.Period), out var c) && c.Revision > 0 && c.Figure == ActualFigure.Of(actual)
            ? c.Revision
            : null;

    /// <summary>The closure in force covering the entry's period, if any (a year closure covers everything in it).</summary>
    public PeriodClosure? ClosureFor(Actual actual)
    {
        var period = Period.Parse(actual.Period);
        return _closures.FirstOrDefault(c => c.Year == actual.Year && Overlaps(Period.Parse(c.Period), period));
    }

    /// <summary>The state of the period's latest revision, null when it has none: tells why <see cref="Admit"/> refused.</summary>
    public ActualStatus? LatestStatus(Actual actual) =>
        _current.TryGetValue((actual.IndicatorId, actual.ScopeId, actual.Year, actual.Period), out var c) && c.Revision > 0 ? c.Status : null;

    /// <summary>Assigns the next revision number; null when allowed, else why not.</summary>
    public string? Admit(Actual actual)
    {
        var key = (actual.IndicatorId, actual.ScopeId, actual.Year, actual.Period);
        var (revision, status, _) = _current.GetValueOrDefault(key);
        if (status == ActualStatus.Submitted && revision > 0)
            return Say.It($"La revisione {revision} di {actual.Period} {actual.Year} è stata inviata ed è all'esame dell'OIV: deve prima essere validata o restituita.", $"Revision {revision} of {actual.Period} {actual.Year} is submitted and awaits the OIV: it must be validated or returned first.");
        if (status == ActualStatus.Validated && revision > 0 && string.IsNullOrWhiteSpace(actual.CorrectionReason))
            return Say.It($"La revisione {revision} di {actual.Period} {actual.Year} è validata dall'OIV e non può essere modificata: inviare una rettifica con la motivazione ('reason').", $"Revision {revision} of {actual.Period} {actual.Year} is validated by the OIV and cannot be changed: send a correction with a 'reason'.");
        actual.Revision = revision + 1;
        _current[key] = (actual.Revision, actual.Status, ActualFigure.Of(actual));
        return null;
    }

    public static string Describe(PeriodClosure c) =>
        Say.It($"Il periodo {c.Period} {c.Year} è chiuso (chiusura {c.Id} disposta da {c.ClosedBy} il {c.ClosedAt:yyyy-MM-dd}{(c.Reason is null ? "" : ": " + c.Reason)}); solo un Admin può riaprirlo.", $"{c.Period} {c.Year} is closed (closure {c.Id} by {c.ClosedBy} on {c.ClosedAt:yyyy-MM-dd}{(c.Reason is null ? "" : ": " + c.Reason)}); an Admin must reopen it.");

    // Forecast snapshots are closed only with the whole year; otherwise a closure covers every overlapping period.
    private static bool Overlaps(Period closed, Period entry) =>
        closed.Kind == PeriodKind.Year
        || (!entry.IsForecast && !closed.IsForecast && closed.Start(2000) <= entry.End(2000) && entry.Start(2000) <= closed.End(2000))
        || closed == entry;
}
