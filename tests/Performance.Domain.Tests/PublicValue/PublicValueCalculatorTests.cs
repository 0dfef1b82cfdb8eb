using Performance.Domain.PublicValue;

namespace Performance.Domain.Tests.PublicValue;

public sealed class PublicValueCalculatorTests
{
    private const string VS = "VS", VI = "VI", VE = "VE", VEC = "VEC", VO = "VO";
    private static readonly string[] FiveAreas = [VS, VI, VE, VEC, VO];
    private static readonly IReadOnlyList<ValueAreaWeight> EqualFive = FiveAreas.Select(a => new ValueAreaWeight(a, 1m)).ToList();

    private static decimal R(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    // One item per (area, score) pair; several pairs on the same area are averaged by the calculator.
    private static StructureItems S(string code, StructureKind kind, decimal? volume, params (string Area, decimal Score)[] items) =>
        new(code, kind, volume, items.Select((x, i) => new ScoredItem($"{code}-{i}", x.Area, null, x.Score)).ToList());

    private static StructureItems Central(string code, params (string, decimal)[] items) => S(code, StructureKind.Central, null, items);

    private static StructureItems Territorial(string code, decimal? volume, params (string, decimal)[] items) =>
        S(code, StructureKind.Territorial, volume, items);

    [Fact]
    public void Structure_value_is_the_weighted_mean_of_its_area_means()
    {
        var s = Central("DC1", (VS, 90m), (VS, 110m), (VI, 130m));

        var equal = PublicValueCalculator.Compute([s], []);
        Assert.Equal(115m, equal.Structures[0].Value);     // (100 + 130) / 2
        Assert.True(equal.Explanation.DefaultEqualWeights);

        var weighted = PublicValueCalculator.Compute([s], [new(VS, 3m), new(VI, 1m)]);
        var v = weighted.Structures[0];
        Assert.Equal(107.5m, v.Value);                     // (3·100 + 1·130) / 4
        var vs = v.Areas.Single(a => a.Code == VS);
        Assert.Equal(100m, vs.Score);
        Assert.Equal(2, vs.ItemCount);
        Assert.Equal(200m, vs.ItemScoreSum);
        Assert.Equal(4m, vs.WeightSum);
        Assert.Equal(75m, vs.Contribution);
        Assert.Equal(69.77m, R(vs.Share));
        Assert.Equal(32.5m, v.Areas.Single(a => a.Code == VI).Contribution);
    }

    [Fact]
    public void Areas_without_scored_items_are_left_out_and_the_rest_reweighted()
    {
        var s = Central("DC1", (VE, 120m), (VO, 100m));

        var r = PublicValueCalculator.Compute([s], EqualFive);

        Assert.Equal(110m, r.Structures[0].Value);         // not (120 + 100) / 5
        Assert.Equal(2m, r.Structures[0].WeightSum);
        Assert.Equal(new[] { VE, VO }, r.Structures[0].Areas.Select(a => a.Code));
    }

    [Fact]
    public void Institute_is_124_04_from_central_115_90_and_territorial_132_18()
    {
        // Relazione INPS 2024, «Il Valore Pubblico»: (115,90 + 132,18) / 2 = 124,04. The per-structure values are images in the report,
        // so the structures are built to reach those two level values.
        var r = PublicValueCalculator.Compute(
        [
            Central("DC-A", (VS, 100m), (VI, 120m)),                   // 110,00
            Central("DC-B", (VE, 111.80m), (VO, 131.80m)),             // 121,80 → central mean 115,90
            Territorial("DR-1", 1m, (VI, 110m), (VI, 130m)),           // 120,00 × 1
            Territorial("DR-2", 3m, (VE, 136.24m)),                    // 136,24 × 3 → (120 + 408,72) / 4 = 132,18
        ], EqualFive);

        Assert.Equal(115.90m, r.Central);
        Assert.Equal(132.18m, r.Territorial);
        Assert.Equal(124.04m, r.Institute);
        Assert.Equal(2, r.Explanation.CentralStructuresUsed);
        Assert.Equal(2, r.Explanation.TerritorialStructuresUsed);
        Assert.Equal(4m, r.Explanation.TerritorialVolumeUsed);
    }

    [Fact]
    public void Territorial_value_is_weighted_by_production_volume()
    {
        var r = PublicValueCalculator.Compute(
            [Territorial("DR-1", 1m, (VI, 100m)), Territorial("DR-2", 3m, (VI, 140m))], []);

        Assert.Equal(130m, r.Territorial);                 // (100·1 + 140·3) / 4; the simple mean would be 120
        Assert.Null(r.Central);
        Assert.Equal(130m, r.Institute);                   // only one level: that one
    }

    [Fact]
    public void Adding_a_central_structure_moves_the_central_mean_and_so_the_institute()
    {
        var territorial = Territorial("DR-1", 5m, (VI, 130m));
        var before = PublicValueCalculator.Compute([Central("DC-A", (VI, 110m)), territorial], []);
        Assert.Equal(120m, before.Institute);              // (110 + 130) / 2

        var after = PublicValueCalculator.Compute(
            [Central("DC-A", (VI, 110m)), Central("DC-B", (VI, 130m)), territorial], []);
        Assert.Equal(120m, after.Central);                 // simple mean: one structure, one vote
        Assert.Equal(125m, after.Institute);               // (120 + 130) / 2, not the mean of the three structures (123,33)
    }

    [Fact]
    public void Only_central_structures_make_the_institute_equal_to_the_central_value()
    {
        var r = PublicValueCalculator.Compute([Central("DC-A", (VI, 90m)), Central("DC-B", (VO, 100m))], []);

        Assert.Equal(95m, r.Central);
        Assert.Null(r.Territorial);
        Assert.Equal(95m, r.Institute);
    }

    [Fact]
    public void Territorial_structure_without_volume_is_excluded_and_reported()
    {
        var r = PublicValueCalculator.Compute(
        [
            Territorial("DR-1", 2m, (VI, 100m)),
            Territorial("DR-2", null, (VI, 200m)),
            Territorial("DR-3", 0m, (VI, 300m)),
        ], []);

        Assert.Equal(100m, r.Territorial);
        var dr2 = r.Structures.Single(s => s.Code == "DR-2");
        Assert.Equal(200m, dr2.Value);                     // its own VP is still shown
        Assert.False(dr2.Included);
        Assert.NotNull(dr2.ExclusionReason);
        Assert.Equal(new[] { "DR-2", "DR-3" }, r.Explanation.Exclusions.Select(e => e.Code));
        Assert.Equal(1, r.Explanation.TerritorialStructuresUsed);
    }

    [Fact]
    public void Structure_without_scored_items_has_no_value_rather_than_zero()
    {
        var r = PublicValueCalculator.Compute(
            [Central("DC-A", (VI, 100m)), new StructureItems("DC-EMPTY", StructureKind.Central, null, [])], []);

        var empty = r.Structures.Single(s => s.Code == "DC-EMPTY");
        Assert.Null(empty.Value);
        Assert.False(empty.Included);
        Assert.Equal(100m, r.Central);                     // not (100 + 0) / 2
        Assert.Single(r.Explanation.Exclusions);
    }

    [Fact]
    public void Values_are_not_capped_at_100()
    {
        var r = PublicValueCalculator.Compute(
            [Central("DC-A", (VI, 150.22m)), Territorial("DR-1", 1m, (VE, 180m))], []);

        Assert.Equal(150.22m, r.Central);
        Assert.Equal(165.11m, r.Institute);
    }

    [Fact]
    public void Zero_weight_area_is_reported_but_not_weighed()
    {
        var r = PublicValueCalculator.Compute([Central("DC-A", (VS, 50m), (VI, 100m))], [new(VS, 0m), new(VI, 1m)]);

        Assert.Equal(100m, r.Central);
        var vs = r.Structures[0].Areas.Single(a => a.Code == VS);
        Assert.Equal(50m, vs.Score);
        Assert.Equal(0m, vs.Contribution);
        Assert.Equal(0m, vs.Share);
    }

    public static TheoryData<decimal[]> ShareCases => new()
    {
        new[] { 97.3m, 101.11m, 88.8m, 120.45m, 133.33m },
        new[] { 100m, 100m, 100m },
        new[] { 0.01m, 250m },
        new[] { 64.6m, 99.99m, 150.22m, 115.57m },
    };

    [Theory]
    [MemberData(nameof(ShareCases))]
    public void Shares_of_every_structure_sum_to_100(decimal[] scores)
    {
        var weights = scores.Select((_, i) => new ValueAreaWeight($"A{i}", i + 1m)).ToList();
        var s = new StructureItems("DC", StructureKind.Central, null,
            scores.Select((x, i) => new ScoredItem($"I{i}", $"A{i}", null, x)).ToList());

        var v = PublicValueCalculator.Compute([s], weights).Structures[0];

        Assert.Equal(v.Value!.Value, v.Areas.Sum(a => a.Contribution), 20);
        Assert.Equal(100m, v.Areas.Sum(a => a.Share), 20);
        Assert.InRange(v.Areas.Sum(a => R(a.Share)), 99.99m, 100.01m);
    }

    [Fact]
    public void Central_pie_of_the_report_is_reproduced()
    {
        // Relazione INPS 2024, central structures: "Fatto 100 il risultato raggiunto (115,90) sono esposte le percentuali di contribuzione".
        // The report gives neither the area scores nor the weights. With equal weights each area contributes
        // score/5, and the printed shares imply contributions of 21,07 / 22,98 / 26,76 / 22,84 / 22,25 points
        // (share × 115,90), i.e. area scores of 5 × those. Two central structures sit 5 points
        // above and below those scores, so the level mean is what is checked, not one structure.
        // The pie-label order is taken as the legend order, which the text extract cannot confirm.
        decimal[] areaScores = [105.35m, 114.90m, 133.80m, 114.20m, 111.25m];
        var r = PublicValueCalculator.Compute(
        [
            Central("DC-A", FiveAreas.Select((a, i) => (a, areaScores[i] + 5m)).ToArray()),
            Central("DC-B", FiveAreas.Select((a, i) => (a, areaScores[i] - 5m)).ToArray()),
        ], EqualFive);

        Assert.Equal(115.90m, r.Central);
        decimal[] printed = [18.18m, 19.83m, 23.09m, 19.71m, 19.20m];
        Assert.Equal(printed, r.Areas.Select(a => R(a.Central!.Share)));
        Assert.Equal(areaScores, r.Areas.Select(a => a.Central!.Score!.Value));
        // The same rounding residue as the report: the rounded shares add up to 100,01.
        Assert.Equal(100.01m, r.Areas.Sum(a => R(a.Central!.Share)));
        Assert.Equal(100m, r.Areas.Sum(a => a.Central!.Share), 20);
    }

    [Fact]
    public void Territorial_pie_of_the_report_is_reproduced_with_volume_weights()
    {
        // Relazione INPS 2024, territorial structures: 132,18 with shares 2,04 / 26,62 / 22,76 / 28,49 / 20,09 (same caveats as the central pie).
        // Points = share × 132,18: 2,70 / 35,19 / 30,08 / 37,66 / 26,55; area scores = 5 × points.
        // DR-1 (volume 1) sits 9 points above them and DR-2 (volume 3) 3 points below: the weighted mean is unchanged.
        decimal[] areaScores = [13.50m, 175.95m, 150.40m, 188.30m, 132.75m];
        var r = PublicValueCalculator.Compute(
        [
            Territorial("DR-1", 1m, FiveAreas.Select((a, i) => (a, areaScores[i] + 9m)).ToArray()),
            Territorial("DR-2", 3m, FiveAreas.Select((a, i) => (a, areaScores[i] - 3m)).ToArray()),
        ], EqualFive);

        Assert.Equal(132.18m, r.Territorial);
        decimal[] printed = [2.04m, 26.62m, 22.76m, 28.49m, 20.09m];
        Assert.Equal(printed, r.Areas.Select(a => R(a.Territorial!.Share)));
        Assert.Equal(100.00m, r.Areas.Sum(a => R(a.Territorial!.Share)));
    }

    [Fact]
    public void Institute_area_contributions_add_up_to_the_institute_value()
    {
        var r = PublicValueCalculator.Compute(
        [
            Central("DC-A", (VS, 105.35m), (VI, 114.90m), (VE, 133.80m), (VEC, 114.20m), (VO, 111.25m)),
            Territorial("DR-1", 1m, (VS, 13.50m), (VI, 175.95m), (VE, 150.40m), (VEC, 188.30m), (VO, 132.75m)),
        ], EqualFive);

        Assert.Equal(124.04m, r.Institute);
        Assert.Equal(r.Institute!.Value, r.Areas.Sum(a => a.Institute!.Contribution), 20);
        Assert.Equal(100m, r.Areas.Sum(a => a.Institute!.Share), 20);
        // Institute area score = mean of the central and territorial area scores.
        Assert.Equal((105.35m + 13.50m) / 2m, r.Areas.Single(a => a.Code == VS).Institute!.Score);
    }

    [Fact]
    public void Area_level_scores_follow_the_level_rule_and_count_only_structures_with_the_area()
    {
        var r = PublicValueCalculator.Compute(
        [
            Central("DC-A", (VS, 80m), (VI, 100m)),
            Central("DC-B", (VI, 120m)),
            Territorial("DR-1", 1m, (VS, 100m)),
            Territorial("DR-2", 3m, (VS, 140m), (VI, 90m)),
        ], []);

        var vs = r.Areas.Single(a => a.Code == VS);
        Assert.Equal(80m, vs.Central!.Score);              // DC-B has no VS item: not counted as 0
        Assert.Equal(1, vs.Central.StructureCount);
        Assert.Equal(20m, vs.Central.Contribution);        // (80/2 + 0) / 2: DC-A's VS term, DC-B contributes nothing
        Assert.Equal(130m, vs.Territorial!.Score);         // (100·1 + 140·3) / 4
        Assert.Equal(r.Central!.Value, r.Areas.Sum(a => a.Central!.Contribution), 20);
        Assert.Equal(r.Territorial!.Value, r.Areas.Sum(a => a.Territorial!.Contribution), 20);
    }

    [Fact]
    public void Invalid_input_is_rejected_with_a_clear_message()
    {
        var unknownArea = Assert.Throws<ArgumentException>(() =>
            PublicValueCalculator.Compute([Central("DC-A", ("XX", 100m))], EqualFive));
        Assert.Contains("XX", unknownArea.Message);

        Assert.Throws<ArgumentException>(() =>
            PublicValueCalculator.Compute([Central("DC-A", (VS, 1m)), Central("DC-A", (VS, 2m))], []));
        Assert.Throws<ArgumentException>(() =>
            PublicValueCalculator.Compute([Central("DC-A", (VS, 1m))], [new(VS, -1m)]));
        Assert.Throws<ArgumentException>(() =>
            PublicValueCalculator.Compute([Central("DC-A", (VS, 1m))], [new(VS, 1m), new(VS, 2m)]));
        Assert.Throws<ArgumentException>(() =>
            PublicValueCalculator.Compute([Territorial("DR-1", -1m, (VS, 1m))], []));
    }
}
