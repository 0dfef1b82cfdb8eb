using Performance.Domain.Guidelines;
using Performance.Domain.Projects;
using Performance.Domain.Tests.Data;

namespace Performance.Domain.Tests.Guidelines;

public sealed class GuidelineCalculatorTests
{
    private static decimal R(decimal v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);

    private static GuidelineInput Lgg(
        int number, GuidelineKind kind, decimal?[] projects, decimal? indicator = null, string? justification = null) =>
        new(number, $"LGG {number}", kind, [],
            projects.Select((r, i) => new ProjectRealizationValue($"LGG{number}-P{i + 1}", r)).ToList(),
            indicator, justification);

    // 002:L1470-1496: the OGE result is the simple mean of the project and indicator components, not capped.
    [Theory]
    [InlineData(12, 87.50, 115.57, 101.54)]   // contenzioso: 101,535
    [InlineData(6, 100.00, 100.06, 100.03)]   // invalidità civile
    [InlineData(7, 93.75, 99.46, 96.61)]      // posizioni assicurative: 96,605, half away from zero
    [InlineData(8, 92.38, 150.22, 121.30)]    // recupero crediti
    public void Oge_result_is_the_uncapped_mean_of_projects_and_indicators(int number, double projects, double indicators, double printed)
    {
        var r = GuidelineCalculator.Compute(Lgg(number, GuidelineKind.OGE, [(decimal)projects], (decimal)indicators, "footnote"));

        Assert.Equal((decimal)projects, r.Attuazione);
        Assert.Equal((decimal)printed, R(r.Result!.Value));
        Assert.False(r.ResultPartial);
    }

    [Fact]
    public void Posizioni_assicurative_needs_rounding_half_away_from_zero()
    {
        var r = GuidelineCalculator.Compute(Lgg(7, GuidelineKind.OGE, [93.75m], 99.46m));

        Assert.Equal(96.605m, r.Result);                   // kept at full precision by the domain
        Assert.Equal(96.61m, R(r.Result!.Value));
        Assert.Equal(96.60m, Math.Round(r.Result.Value, 2)); // banker's rounding: what the report did NOT print
    }

    [Fact]
    public void The_four_oge_of_the_reference_file_are_reproduced_and_match_their_lgg_attuazione()
    {
        var oge = InpsReference.GeneralObjectives.ToList();
        Assert.Equal(4, oge.Count);
        foreach (var o in oge)
        {
            var lgg = InpsReference.Guidelines.Single(g => g.Int("number") == o.Int("guideline"));
            Assert.Equal("OGE", lgg.Str("kind"));
            // The LGG attuazione is the OGE's project component (002:L1228-1245 vs L1476-1496).
            Assert.Equal(lgg.Dec("attuazione"), o.Dec("projectComponent"));

            var r = GuidelineCalculator.Compute(Lgg(o.Int("guideline"), GuidelineKind.OGE,
                [o.Dec("projectComponent")], o.Dec("indicatorComponent"), lgg.OptStr("footnote")));
            Assert.Equal(o.Dec("result"), R(r.Result!.Value));
        }
    }

    // 002:L1216-1270 (and Allegato 1, L3407-4178). The report gives only each LGG's attuazione, not its projects,
    // so each LGG gets one linked project at the printed value: the test checks the rules around it (cap,
    // justification, kind), not a decomposition the report does not publish.
    [Theory]
    [InlineData(1, "OSP", 90.34)]
    [InlineData(2, "OSP", 100)]
    [InlineData(3, "OSP", 100)]
    [InlineData(4, "OSP", 100)]
    [InlineData(5, "OSP", 96.43)]
    [InlineData(6, "OGE", 100)]
    [InlineData(7, "OGE", 93.75)]
    [InlineData(8, "OGE", 92.38)]
    [InlineData(9, "OSP", 100)]
    [InlineData(10, "OSP", 100)]
    [InlineData(11, "OSP", 100)]
    [InlineData(12, "OGE", 87.50)]
    [InlineData(13, "OSP", 83.33)]
    [InlineData(14, "OSP", 100)]
    [InlineData(15, "OSP", 78.67)]
    [InlineData(16, "OSP", 91.67)]
    [InlineData(17, "OSP", 100)]
    [InlineData(18, "OSP", 100)]
    [InlineData(19, "OSP", 100)]
    [InlineData(20, "OSP", 100)]
    [InlineData(21, "OSP", 91.67)]
    [InlineData(22, "OSP", 100)]
    [InlineData(23, "OSP", 100)]
    public void Inps_lgg_attuazione(int number, string kind, double printed)
    {
        var expected = (decimal)printed;
        var json = InpsReference.Guidelines.Single(g => g.Int("number") == number);
        Assert.Equal(expected, json.Dec("attuazione"));
        Assert.Equal(kind, json.Str("kind"));

        var r = GuidelineCalculator.Compute(new GuidelineInput(
            number, json.Str("title"), Enum.Parse<GuidelineKind>(kind),
            json.GetProperty("civProgrammes").EnumerateArray().Select(c => c.GetString()!).ToList(),
            [new ProjectRealizationValue($"LGG{number}-P1", expected)],
            null,
            json.OptStr("footnote")));

        Assert.Equal(expected, R(r.Attuazione!.Value));
        Assert.Equal(expected < 100m, r.JustificationRequired);
        Assert.False(r.JustificationMissing);              // every LGG below 100 carries its (*) footnote
        Assert.Equal(Enum.Parse<GuidelineKind>(kind), r.Kind);
        if (r.Kind == GuidelineKind.OSP)
            Assert.Null(r.Result);
    }

    [Fact]
    public void Inps_has_23_lgg_4_oge_and_19_osp()
    {
        var inputs = InpsReference.Guidelines.Select(g => new GuidelineInput(
            g.Int("number"), g.Str("title"), Enum.Parse<GuidelineKind>(g.Str("kind")), [],
            [new ProjectRealizationValue("P", g.Dec("attuazione"))], null, g.OptStr("footnote"))).ToList();

        var summary = GuidelineCalculator.Summarize(GuidelineCalculator.Compute(inputs));

        var counts = InpsReference.Root.GetProperty("guidelineCounts");
        Assert.Equal(counts.Int("total"), summary.Total);  // 23
        Assert.Equal(counts.Int("oge"), summary.Oge);      // 4
        Assert.Equal(counts.Int("osp"), summary.Osp);      // 19
        Assert.Equal(14, summary.Complete);
        Assert.Equal(9, summary.BelowTarget);
        Assert.Equal(0, summary.JustificationsMissing);
        Assert.Equal(new[] { 6, 7, 8, 12 }, inputs.Where(i => i.Kind == GuidelineKind.OGE).Select(i => i.Number));
    }

    [Fact]
    public void Attuazione_is_the_mean_of_the_linked_projects_that_have_a_realization()
    {
        var r = GuidelineCalculator.Compute(Lgg(1, GuidelineKind.OSP, [100m, 75m, null], justification: "ritardo"));

        Assert.Equal(87.5m, r.Attuazione);
        Assert.Equal(2, r.ProjectsMeasured);
        Assert.Equal(3, r.Projects.Count);
    }

    [Fact]
    public void Attuazione_is_capped_at_100_project_by_project()
    {
        // A realization is ≤ 100 by definition: a value fed as 120 cannot make up for another project's 80.
        var r = GuidelineCalculator.Compute(Lgg(1, GuidelineKind.OSP, [120m, 80m], justification: "x"));
        Assert.Equal(90m, r.Attuazione);

        var full = GuidelineCalculator.Compute(Lgg(2, GuidelineKind.OSP, [130m]));
        Assert.Equal(100m, full.Attuazione);
        Assert.False(full.JustificationRequired);
    }

    [Fact]
    public void Justification_is_required_below_100_and_flagged_when_missing()
    {
        Assert.True(GuidelineCalculator.Compute(Lgg(1, GuidelineKind.OSP, [99.99m])).JustificationMissing);
        Assert.True(GuidelineCalculator.Compute(Lgg(1, GuidelineKind.OSP, [50m], justification: "  ")).JustificationMissing);

        var given = GuidelineCalculator.Compute(Lgg(1, GuidelineKind.OSP, [50m], justification: "riprogrammato al 2025"));
        Assert.True(given.JustificationRequired);
        Assert.False(given.JustificationMissing);
        Assert.Equal("riprogrammato al 2025", given.Justification);

        var complete = GuidelineCalculator.Compute(Lgg(2, GuidelineKind.OSP, [100m]));
        Assert.False(complete.JustificationRequired);
        Assert.False(complete.JustificationMissing);
    }

    [Fact]
    public void Guideline_without_measured_projects_has_no_attuazione_and_needs_no_justification()
    {
        var r = GuidelineCalculator.Compute(Lgg(3, GuidelineKind.OSP, [null]));

        Assert.Null(r.Attuazione);
        Assert.False(r.JustificationRequired);
        Assert.Equal(1, GuidelineCalculator.Summarize([r]).NotMeasured);
    }

    [Fact]
    public void Osp_has_no_result_even_with_an_indicator_score()
    {
        var r = GuidelineCalculator.Compute(Lgg(4, GuidelineKind.OSP, [100m], indicator: 120m));

        Assert.Null(r.Result);
        Assert.Equal(120m, r.IndicatorScore);
    }

    [Fact]
    public void Oge_with_one_component_missing_uses_the_other_and_says_so()
    {
        var noIndicator = GuidelineCalculator.Compute(Lgg(6, GuidelineKind.OGE, [100m]));
        Assert.Equal(100m, noIndicator.Result);
        Assert.True(noIndicator.ResultPartial);

        var noProjects = GuidelineCalculator.Compute(Lgg(6, GuidelineKind.OGE, [], indicator: 110m));
        Assert.Equal(110m, noProjects.Result);
        Assert.True(noProjects.ResultPartial);

        Assert.Null(GuidelineCalculator.Compute(Lgg(6, GuidelineKind.OGE, [])).Result);
    }

    [Fact]
    public void Invalid_input_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => GuidelineCalculator.Compute(Lgg(1, GuidelineKind.OSP, [-1m])));
        Assert.Throws<ArgumentException>(() => GuidelineCalculator.Compute(Lgg(0, GuidelineKind.OSP, [])));
        Assert.Throws<ArgumentException>(() => GuidelineCalculator.Compute(
            [Lgg(1, GuidelineKind.OSP, []), Lgg(1, GuidelineKind.OGE, [])]));
    }
}
