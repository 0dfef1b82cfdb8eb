using Performance.Domain.Plans;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Plans;

/// <summary>The plan as it stands at a date: reprogramming acts apply from their effective date, the stored plan never changes.</summary>
public sealed class PlanTimelineTests
{
    private static readonly DateTime Recorded = new(2024, 7, 2, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Original = Guid.NewGuid(), Lombardia = Guid.NewGuid(), Piemonte = Guid.NewGuid();

    private static readonly Node Project = new() { Code = "PES-1", Title = "Progetto", StructureId = Original };
    private static readonly Indicator Kpi = new() { Code = "PES-1.I1", Name = "KPI", Targets = { new IndicatorTarget { Year = 2024, Text = ">= 80%" } } };

    private static Reprogramming Change(ReprogrammingKind kind, DateOnly effective, Guid? to = null, string? target = null) => new()
    {
        Kind = kind, NodeId = Project.Id, ToStructureId = to, IndicatorId = Kpi.Id, Year = 2024, Target = target, Act = "Det. DG n. 190/2024",
        EffectiveDate = effective, RecordedAt = Recorded,
    };

    [Fact]
    public void Reassignments_apply_from_their_effective_date_and_the_latest_wins()
    {
        var changes = new[]
        {
            Change(ReprogrammingKind.ReassignStructure, new DateOnly(2024, 7, 1), Lombardia),
            Change(ReprogrammingKind.ReassignStructure, new DateOnly(2024, 10, 1), Piemonte),
        };
        Assert.Equal(Original, new PlanTimeline(changes, new DateOnly(2024, 6, 30)).StructureOf(Project));
        Assert.Equal(Lombardia, new PlanTimeline(changes, new DateOnly(2024, 7, 1)).StructureOf(Project));
        Assert.Equal(Piemonte, new PlanTimeline(changes, new DateOnly(2024, 12, 31)).StructureOf(Project));
        Assert.Equal(Original, Project.StructureId);
    }

    [Fact]
    public void Revised_targets_replace_the_written_one_from_the_act_and_only_for_their_year()
    {
        var changes = new[] { Change(ReprogrammingKind.ReviseTarget, new DateOnly(2024, 9, 1), target: ">= 70%") };
        Assert.Equal(">= 80%", new PlanTimeline(changes, new DateOnly(2024, 8, 31)).TargetText(Kpi, 2024));
        Assert.Equal(">= 70%", new PlanTimeline(changes, new DateOnly(2024, 9, 1)).TargetText(Kpi, 2024));
        Assert.Null(new PlanTimeline(changes, new DateOnly(2024, 9, 1)).TargetText(Kpi, 2025));
    }

    [Fact]
    public void A_structures_own_target_comes_first_then_the_plans_and_each_follows_its_own_acts()
    {
        var kpi = new Indicator
        {
            Code = "PNDD.I1", Name = "Giudizi sussidiati", Targets = { new IndicatorTarget { Year = 2024, Text = ">= 12475" } },
            StructureTargets = { new StructureTarget { StructureId = Lombardia, Year = 2024, Text = ">= 637" } },
        };
        Reprogramming Revise(DateOnly effective, string target, Guid? structure) => new()
        {
            Kind = ReprogrammingKind.ReviseTarget, NodeId = Project.Id, IndicatorId = kpi.Id, Year = 2024, Target = target, StructureId = structure,
            Act = "Det. DG n. 190/2024", EffectiveDate = effective, RecordedAt = Recorded,
        };
        var changes = new[] { Revise(new DateOnly(2024, 7, 1), ">= 12000", null), Revise(new DateOnly(2024, 9, 1), ">= 700", Lombardia) };

        var june = new PlanTimeline(changes, new DateOnly(2024, 6, 30));
        Assert.Equal(">= 637", june.TargetText(kpi, 2024, Lombardia));
        Assert.Equal(">= 12475", june.TargetText(kpi, 2024, Piemonte));
        Assert.Equal(">= 12475", june.TargetText(kpi, 2024));
        // The plan's act moves the default only: Lombardia keeps its own target.
        var july = new PlanTimeline(changes, new DateOnly(2024, 7, 1));
        Assert.Equal(">= 637", july.TargetText(kpi, 2024, Lombardia));
        Assert.Equal(">= 12000", july.TargetText(kpi, 2024, Piemonte));
        Assert.Equal(">= 12000", july.TargetText(kpi, 2024));
        // A structure's act moves that structure only.
        var september = new PlanTimeline(changes, new DateOnly(2024, 9, 1));
        Assert.Equal(">= 700", september.TargetText(kpi, 2024, Lombardia));
        Assert.Equal(">= 12000", september.TargetText(kpi, 2024, Piemonte));
        Assert.Null(september.StructureTargetText(kpi, 2024, Piemonte));
        Assert.Null(september.TargetText(kpi, 2025, Lombardia));
    }

    [Theory]
    [InlineData(ReprogrammingKind.CancelProject)]
    [InlineData(ReprogrammingKind.MergeProject)]
    public void Cancelled_or_merged_projects_leave_the_plan_from_the_act(ReprogrammingKind kind)
    {
        var change = Change(kind, new DateOnly(2024, 7, 1));
        Assert.Null(new PlanTimeline([change], new DateOnly(2024, 6, 30)).RemovalOf(Project));
        Assert.Same(change, new PlanTimeline([change], new DateOnly(2024, 7, 1)).RemovalOf(Project));
        Assert.Null(new PlanTimeline([Change(ReprogrammingKind.ReviseTarget, new DateOnly(2024, 7, 1), target: "x")], new DateOnly(2024, 12, 31)).RemovalOf(Project));
    }

    [Theory]
    [InlineData(">= 80%", Polarity.HigherIsBetter)]
    [InlineData("> 38", Polarity.HigherIsBetter)]
    [InlineData("<= 5 gg", Polarity.LowerIsBetter)]
    [InlineData("< 3%", Polarity.LowerIsBetter)]
    [InlineData("Realizzazione del progetto", Polarity.Milestone)]
    [InlineData("= 100%", null)]
    [InlineData("tra 80% e 90%", null)]
    public void Polarity_follows_the_target_operator_when_the_indicator_has_none(string target, Polarity? expected)
    {
        Assert.True(ParsedTargets.TryParse(target, null, 2024, out var parsed, out var error), error?.Message);
        Assert.Equal(expected, TargetPolarity.From(parsed));
    }

    [Fact]
    public void Weight_changes_apply_from_their_act_to_the_indicator_or_else_the_node_they_name()
    {
        var node = new Node { Code = "OBJ", Title = "Obiettivo", Weight = 1 };
        var kpi = new Indicator { Code = "OBJ.I1", Name = "KPI", Weight = 2, NodeId = node.Id };
        var changes = new[]
        {
            new Reprogramming { Kind = ReprogrammingKind.ChangeWeight, NodeId = node.Id, Weight = 4, Act = "Det. 1", EffectiveDate = new DateOnly(2024, 7, 1), RecordedAt = Recorded },
            new Reprogramming { Kind = ReprogrammingKind.ChangeWeight, NodeId = node.Id, IndicatorId = kpi.Id, Weight = 5, Act = "Det. 2", EffectiveDate = new DateOnly(2024, 9, 1), RecordedAt = Recorded },
        };
        var june = new PlanTimeline(changes, new DateOnly(2024, 6, 30));
        var july = new PlanTimeline(changes, new DateOnly(2024, 7, 1));
        var december = new PlanTimeline(changes, new DateOnly(2024, 12, 31));
        Assert.Equal((1m, 2m), (june.WeightOf(node), june.WeightOf(kpi)));
        Assert.Equal((4m, 2m), (july.WeightOf(node), july.WeightOf(kpi)));
        Assert.Equal((4m, 5m), (december.WeightOf(node), december.WeightOf(kpi)));
        Assert.Equal((1m, 2m), (node.Weight, kpi.Weight));
    }
}

/// <summary>Tree edits of an adopted plan: an element added, removed or moved by an act is so only from the act's date.</summary>
public sealed class PlanTimelineTreeTests
{
    private static readonly DateTime Recorded = new(2026, 7, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Node Area = new() { Code = "A", Title = "Area" };
    private static readonly Node Other = new() { Code = "B", Title = "Altra area" };
    private static readonly Node Objective = new() { Code = "A.1", Title = "Obiettivo", ParentId = Area.Id };
    private static readonly Indicator Kpi = new() { Code = "A.1.I1", Name = "KPI", NodeId = Objective.Id };

    private static Reprogramming Act(ReprogrammingKind kind, Guid nodeId, Guid? indicatorId = null, Guid? into = null) => new()
    {
        Kind = kind, NodeId = nodeId, IndicatorId = indicatorId, IntoNodeId = into, Act = "Det. n. 12/2026",
        EffectiveDate = new DateOnly(2026, 7, 15), RecordedAt = Recorded,
    };

    private static readonly DateOnly Before = new(2026, 7, 14), From = new(2026, 7, 15);

    [Fact]
    public void An_added_node_belongs_to_the_plan_from_the_act_only()
    {
        var changes = new[] { Act(ReprogrammingKind.AddNode, Objective.Id) };
        Assert.False(new PlanTimeline(changes, Before).Includes(Objective));
        Assert.True(new PlanTimeline(changes, From).Includes(Objective));
        Assert.True(new PlanTimeline(changes, Before).Includes(Area));
    }

    [Fact]
    public void An_added_indicator_belongs_to_the_plan_from_the_act_only()
    {
        var changes = new[] { Act(ReprogrammingKind.AddIndicator, Objective.Id, Kpi.Id) };
        Assert.False(new PlanTimeline(changes, Before).Includes(Kpi));
        Assert.True(new PlanTimeline(changes, From).Includes(Kpi));
        // Adding an indicator does not hide its node.
        Assert.True(new PlanTimeline(changes, Before).Includes(Objective));
    }

    [Fact]
    public void Removed_nodes_and_indicators_leave_the_plan_from_the_act()
    {
        var node = new[] { Act(ReprogrammingKind.RemoveNode, Objective.Id) };
        Assert.True(new PlanTimeline(node, Before).Includes(Objective));
        Assert.False(new PlanTimeline(node, From).Includes(Objective));
        Assert.Equal(ReprogrammingKind.RemoveNode, new PlanTimeline(node, From).RemovalOf(Objective)!.Kind);

        var indicator = new[] { Act(ReprogrammingKind.RemoveIndicator, Objective.Id, Kpi.Id) };
        Assert.True(new PlanTimeline(indicator, Before).Includes(Kpi));
        Assert.False(new PlanTimeline(indicator, From).Includes(Kpi));
        // Removing an indicator leaves its node in the plan.
        Assert.True(new PlanTimeline(indicator, From).Includes(Objective));
    }

    [Fact]
    public void A_moved_node_has_its_new_parent_from_the_act_and_may_move_to_the_top()
    {
        var moved = new[] { Act(ReprogrammingKind.MoveNode, Objective.Id, into: Other.Id) };
        Assert.Equal(Area.Id, new PlanTimeline(moved, Before).ParentOf(Objective));
        Assert.False(new PlanTimeline(moved, Before).HasMoves);
        Assert.Equal(Other.Id, new PlanTimeline(moved, From).ParentOf(Objective));
        Assert.True(new PlanTimeline(moved, From).HasMoves);
        Assert.Null(new PlanTimeline([Act(ReprogrammingKind.MoveNode, Objective.Id)], From).ParentOf(Objective));
        Assert.Equal(Area.Id, Objective.ParentId);
    }
}
