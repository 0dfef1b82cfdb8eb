namespace Performance.Domain.Plans;

/// <summary>A KPI with its targets per year, metadata (docs/model.md) and consuntivi.</summary>
public sealed class Indicator
{
    /// <summary>Time-ordered, like a consuntivo's (<see cref="Actual.Id"/>): an imported plan's rows append to the key indexes.</summary>
    public Guid Id { get; init; } = Keys.TimeOrdered();
    public Guid PlanId { get; set; }
    public Guid NodeId { get; set; }
    public Node Node { get; set; } = null!;
    public required string Code { get; init; }
    public required string Name { get; set; }
    public IndicatorType? Type { get; set; }
    public Targets.TargetUnit? Unit { get; set; }
    public Targets.Polarity? Polarity { get; set; }
    public decimal Weight { get; set; } = 1;
    public int? BaselineYear { get; set; }
    public decimal? BaselineValue { get; set; }
    public string? Formula { get; set; }
    public string? NumeratorLabel { get; set; }
    public string? DenominatorLabel { get; set; }
    public string? Source { get; set; }
    public Frequency Frequency { get; set; } = Frequency.Annual;
    public Scoring.Aggregation Aggregation { get; set; } = Scoring.Aggregation.Last;
    public decimal? Cap { get; set; }
    public Guid? ValueAreaId { get; set; }
    public ValueArea? ValueArea { get; set; }
    public int SortOrder { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();
    /// <summary>The indicator of the earlier plan this one was rolled forward from (a trend follows it across plans).</summary>
    public Guid? SourceIndicatorId { get; set; }

    public List<IndicatorTarget> Targets { get; init; } = [];
    /// <summary>Targets set for one structure and year: they take precedence over <see cref="Targets"/> in that structure's scoring.</summary>
    public List<StructureTarget> StructureTargets { get; init; } = [];
    public List<Actual> Actuals { get; init; } = [];
}

/// <summary>The target of one year, kept as written; it is parsed (with the polarity) whenever it is used.</summary>
public sealed class IndicatorTarget
{
    public Guid Id { get; init; } = Keys.TimeOrdered();
    public Guid IndicatorId { get; set; }
    public int Year { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// One structure's own target for a year (e.g. one per regional direction): that structure's scorecard, ranking and
/// Valore Pubblico use it instead of the plan's target of the year, which stays the default for every other structure.
/// </summary>
public sealed class StructureTarget
{
    public Guid Id { get; init; } = Keys.TimeOrdered();
    public Guid IndicatorId { get; set; }
    public Guid StructureId { get; set; }
    public int Year { get; set; }
    public required string Text { get; set; }
}
