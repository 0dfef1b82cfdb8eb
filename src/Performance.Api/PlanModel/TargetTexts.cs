using Performance.Domain.Language;
using Performance.Domain.Targets;

namespace Performance.Api.PlanModel;

/// <summary>The one check a single year's target text passes wherever it is written (an act, a structure's target).</summary>
public static class TargetTexts
{
    /// <summary>Null when the text is a target of <paramref name="year"/> (a schedule must have that year), else why not.</summary>
    /// <param name="revises">The text revises the year's target (an act); else it sets it (a structure's own target).</param>
    public static string? Problem(string text, Polarity? polarity, int year, bool revises = true) =>
        !TargetParser.TryParse(text, polarity, year, out var parsed, out var error) ? error.Message
        : parsed.ForYear(year) is not null ? null
        : revises ? Say.It($"Il calendario non prevede un target per il {year}, l'anno che rivede.", $"The schedule has no target for {year}, the year it revises.")
        : Say.It($"Il calendario non prevede un target per il {year}, l'anno per cui è fissato.", $"The schedule has no target for {year}, the year it is set for.");
}
