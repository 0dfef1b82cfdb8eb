using System.Text.Json;
using Performance.Domain.Guidelines;
using Performance.Domain.Projects;
using Performance.Domain.PublicValue;

namespace Performance.Domain.Tests.PublicValue;

/// <summary>The API returns these records as they are: they must survive a JSON round trip.</summary>
public sealed class SerializationTests
{
    private static T RoundTrip<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;

    [Fact]
    public void Results_round_trip_through_json()
    {
        var vp = PublicValueCalculator.Compute(
        [
            new StructureItems("DC", StructureKind.Central, null, [new ScoredItem("I1", "VI", "VI.1", 110m)]),
            new StructureItems("DR", StructureKind.Territorial, null, [new ScoredItem("I2", "VI", null, 90m)]),
        ], []);
        var back = RoundTrip(vp);
        Assert.Equal(vp.Institute, back.Institute);
        Assert.Equal(vp.Structures[0].Areas[0].ItemScoreSum, back.Structures[0].Areas[0].ItemScoreSum);
        Assert.Equal(vp.Explanation.Exclusions.Single().Reason, back.Explanation.Exclusions.Single().Reason);

        var projects = ProjectSummary.Compute([new ProjectInput("P", "VI", null, ProjectType.NoPes, 3, 2)]);
        Assert.Equal(projects.Overall.Realization, RoundTrip(projects).Overall.Realization);

        var lgg = GuidelineCalculator.Compute(new GuidelineInput(
            7, "LGG 7", GuidelineKind.OGE, ["1.1"], [new ProjectRealizationValue("P", 93.75m)], 99.46m, "slittamento"));
        var lggBack = RoundTrip(lgg);
        Assert.Equal(lgg.Result, lggBack.Result);
        Assert.Equal(lgg.Programmes, lggBack.Programmes);
    }
}
