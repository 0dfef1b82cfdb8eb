using Performance.Domain.Language;

namespace Performance.Domain.Scoring;

/// <summary><c>NotAssessable</c>: non valutabile. <c>ForcedScore</c>: the score is set by judgement.</summary>
public enum JudgementKind { NotAssessable, ForcedScore }

/// <summary>An approved forzatura as the engine takes it: the indicator is not scored (with the reason), or scores <see cref="Score"/>.</summary>
public sealed record ScoreJudgement(JudgementKind Kind, decimal? Score, string Reason);

/// <summary>
/// Scores an indicator that carries an approved forzatura. Non valutabile: no score, weight 0 in its node (excluded and the
/// rest re-weighted under any missing-data rule), the reason as the missing reason. Forced score: the figures computed from
/// the consuntivi are kept (actual, achievement, met, deviation) but the score is the forced one, its status follows it
/// as for a node, and the explanation ends with a <see cref="Step"/> step from the computed score to the forced one.
/// </summary>
public static class Judgements
{
    public const string Step = "forzatura";

    public static IndicatorScore Score(ScoringIndicator indicator, ScoringPolicy policy, ScoringView view)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var judgement = indicator.Judgement ?? throw new ArgumentException("The indicator has no judgement.", nameof(indicator));
        var computed = indicator.Input is null ? null : IndicatorScorer.Evaluate(indicator.Input, policy, view);
        if (judgement.Kind == JudgementKind.NotAssessable)
            return new IndicatorScore(indicator.Code, 0m, null, Say.It("Non valutabile (forzatura approvata dall'OIV): ", "Not assessable (forzatura approved by the OIV): ") + judgement.Reason)
            {
                Judgement = judgement, ComputedScore = computed?.Score,
            };

        var forced = judgement.Score ?? throw new ArgumentException("A forced score needs its score.", nameof(indicator));
        var status = TreeScorer.StatusOf(forced, policy);
        var explanation = Explanation.NotRequested;
        if (view.Explain)
        {
            var step = new ExplanationStep(Step,
                Say.It($"Punteggio forzato da una forzatura approvata dall'OIV ({judgement.Reason}); il punteggio calcolato dai consuntivi è {(computed?.Score is { } c ? NumberText.Format(c) : "nessuno")}.",
                    $"Score forced by a forzatura approved by the OIV ({judgement.Reason}); the score computed from the consuntivi is {(computed?.Score is { } e ? NumberText.Format(e) : "none")}."),
                forced, computed?.Score);
            explanation = computed is null
                ? new Explanation([step]) { IndicatorCode = indicator.Code }
                : computed.Explanation with { Steps = [.. computed.Explanation.Steps, step] };
        }
        var evaluation = computed is null
            ? new IndicatorEvaluation(null, null, forced, null, status, null, explanation)
            : computed with { Score = forced, Status = status, Explanation = explanation };
        return new IndicatorScore(indicator.Code, indicator.Weight, evaluation, null) { Judgement = judgement, ComputedScore = computed?.Score };
    }
}
