using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Domain.Evidence;

/// <summary><c>NotAssessable</c>: non valutabile, excluded and the rest re-weighted. <c>ForcedScore</c>: a score set by judgement.</summary>
public enum ForzaturaKind { NotAssessable, ForcedScore }

/// <summary>Proposed by the controllo di gestione; approved or rejected by the OIV; an approved one is superseded by a later approval.</summary>
public enum ForzaturaStatus { Proposed, Approved, Rejected, Superseded }

/// <summary>
/// A forzatura on one indicator and year: a controlled way to neutralise an indicator that could not be measured (a law
/// changed, a system was down) or to set its score by judgement, with a reason and evidence. Only an approved one changes
/// the scores; the proposer can never decide it (four eyes).
/// </summary>
public sealed class Forzatura
{
    /// <summary>A forced score is a degree of achievement: between 0 and 100.</summary>
    public const decimal MaxScore = 100m;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public Guid IndicatorId { get; set; }
    public int Year { get; set; }
    public ForzaturaKind Kind { get; set; }
    public decimal? Score { get; set; }
    public required string Reason { get; set; }
    public required string ProposedBy { get; set; }
    public required DateTime ProposedAt { get; set; }
    public ForzaturaStatus Status { get; set; } = ForzaturaStatus.Proposed;
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public List<ForzaturaEvidence> Evidence { get; init; } = [];

    /// <summary>
    /// Four eyes: the person who proposed a forzatura never decides it. A person is the name the service records as the
    /// actor (the <c>name</c> claim, else <c>sub</c>; an API key's name), compared exactly: the forzatura belongs to one
    /// organization, so whoever may decide it acts in that organization, and a same name there is the same person, whatever
    /// the role or the credentials it comes with.
    /// </summary>
    public string? FourEyesProblem(string decider) =>
        string.Equals(decider, ProposedBy, StringComparison.Ordinal)
            ? Say.It($"La forzatura è stata proposta da {decider}: chi propone una forzatura non può approvarla né respingerla (quattro occhi, decide l'OIV).",
                $"The forzatura was proposed by {decider}: who proposes a forzatura cannot approve or reject it (four eyes, the OIV decides).")
            : null;

    public void Approve(string by, DateTime at, string? note) => Decide(ForzaturaStatus.Approved, by, at, note);

    public void Reject(string by, DateTime at, string note)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new WorkflowException(Say.It("Una forzatura respinta richiede la motivazione del rigetto.", "A rejected forzatura needs the reason it is rejected."));
        Decide(ForzaturaStatus.Rejected, by, at, note);
    }

    private void Decide(ForzaturaStatus outcome, string by, DateTime at, string? note)
    {
        if (Status != ForzaturaStatus.Proposed)
            throw new WorkflowException(Say.It($"La forzatura è {Status switch { ForzaturaStatus.Approved => "approvata", ForzaturaStatus.Rejected => "respinta", ForzaturaStatus.Superseded => "superata", _ => "proposta" }} ({DecidedBy}, {DecidedAt:yyyy-MM-dd}): si può decidere solo su una forzatura proposta.", $"The forzatura is {Status} (by {DecidedBy} on {DecidedAt:yyyy-MM-dd}): only a proposed one can be decided."));
        if (FourEyesProblem(by) is { } problem) throw new WorkflowException(problem);
        (Status, DecidedBy, DecidedAt, DecisionNote) = (outcome, by, at, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }
}

/// <summary>An attachment cited as evidence of a forzatura; while cited, the attachment cannot be removed.</summary>
public sealed class ForzaturaEvidence
{
    public Guid ForzaturaId { get; set; }
    public Guid AttachmentId { get; set; }
}
