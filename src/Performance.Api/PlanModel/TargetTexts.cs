using Performance.Domain.Targets;

namespace Performance.Api.PlanModel;

/// <summary>The one check a single year's target text passes wherever it is written (an act, a structure's target).</summary>
public static class TargetTexts
{
    /// <summary>Null when the text is a target of <paramref name="year"/> (a schedule must have that year), else why not.</summary>
    public static string? Problem(string text, Polarity? polarity, int year, string role = "the year it revises") =>
        !TargetParser.TryParse(text, polarity, year, out var parsed, out var error) ? error.Message
        : parsed.ForYear(year) is null ? $"The schedule has no target for {year}, {role}."
        : null;
}
