namespace Performance.Domain.Scoring;

/// <summary>Achievement formula for "at most / less than" targets.</summary>
public enum LowerIsBetterFormula
{
    /// <summary>T / A × 100 (Camera di Commercio di Salerno, PERFORM+).</summary>
    InverseRatio,

    /// <summary>(2T − A) / T × 100, floored at 0: 100 + the INPS scostamento.</summary>
    Reflected,
}

/// <summary>What a roll-up does with a child that has no score.</summary>
public enum MissingRule
{
    /// <summary>Leave it out and re-weight the others (default).</summary>
    Exclude,

    /// <summary>Count it as a score of 0.</summary>
    Zero,
}

/// <summary>How a band turns an achievement into a score.</summary>
public enum BandMode
{
    /// <summary>The band's score, whatever the position inside the band.</summary>
    Step,

    /// <summary>Linear from this band's score at From to the next band's score at To.</summary>
    Interpolated,
}

/// <summary>A fascia (score band): achievements in [From, To) score Score; To null means "and above".</summary>
/// <param name="From">The band's lowest achievement (%), included.</param>
/// <param name="To">The achievement (%) where the next band starts, excluded; null: and above.</param>
/// <param name="Score">The score an achievement in the band gets (with Interpolated, the score at From).</param>
public sealed record ScoreBand(decimal From, decimal? To, decimal Score)
{
    public bool Contains(decimal achievement) => achievement >= From && (To is null || achievement < To);
}

/// <summary>
/// The plan's rules turning a raw achievement into a score. Order of application: threshold, bands, cap, floor 0.
/// An indicator may override the cap (its own cap) and, in the engine only, the lower-is-better formula.
/// </summary>
public sealed record ScoringPolicy
{
    public static ScoringPolicy Default { get; } = new();

    /// <summary>Maximum score; null = uncapped (INPS OGE indicators reached 150,22).</summary>
    public decimal? Cap { get; init; } = 100m;

    /// <summary>How an at-most target's achievement is computed: InverseRatio (T / A × 100, default) or Reflected ((2T − A) / T × 100, floored at 0).</summary>
    public LowerIsBetterFormula LowerIsBetter { get; init; } = LowerIsBetterFormula.InverseRatio;

    /// <summary>A child without a score in a roll-up: Exclude (default: the others re-weighted) or Zero.</summary>
    public MissingRule Missing { get; init; } = MissingRule.Exclude;

    /// <summary>Soglia: an achievement strictly below it scores 0.</summary>
    public decimal? Threshold { get; init; }

    /// <summary>Fasce (score bands), by their lower bound: the band holding the achievement gives the score, an achievement no band covers scores 0; empty: no bands.</summary>
    public IReadOnlyList<ScoreBand> Bands { get; init; } = [];

    /// <summary>Step (default: the band's score) or Interpolated (linear from the band's score to the next band's).</summary>
    public BandMode BandMode { get; init; } = BandMode.Step;

    /// <summary>Status is yellow (not red) when a missed target's achievement is at least this.</summary>
    public decimal YellowFrom { get; init; } = 90m;

    /// <summary>A consuntivo (actual) that misses its target must carry a justification.</summary>
    public bool JustificationRequiredWhenMissed { get; init; }

    /// <summary>Monitoraggio intermedio: risk thresholds, entry calendar, seasonal profiles (docs/monitoring.md).</summary>
    public Monitoring.MonitoringPolicy Monitoring { get; init; } = Domain.Monitoring.MonitoringPolicy.Default;
}
