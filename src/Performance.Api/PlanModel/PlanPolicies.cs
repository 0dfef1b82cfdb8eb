using System.Text.Json;
using System.Text.Json.Serialization;

namespace Performance.Api.PlanModel;

/// <summary>The scoring policy is stored with the plan in its document form (so export returns what was imported).</summary>
public static partial class PlanPolicies
{
    public static readonly ScoringPolicyDocument DefaultDocument = new(100, "InverseRatio", "Exclude", null, []);

    /// <summary>The stored policy's column length (Plans.ScoringPolicyJson).</summary>
    public const int MaxJsonLength = 8000;

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static ScoringPolicyDocument ReadDocument(string json) =>
        JsonSerializer.Deserialize<ScoringPolicyDocument>(json, JsonOptions) ?? DefaultDocument;
}

public static partial class PlanPolicies
{
    /// <summary>The engine's policy from the stored document; absent fields take the engine's defaults.</summary>
    public static Domain.Scoring.ScoringPolicy ToDomain(ScoringPolicyDocument d)
    {
        var defaults = Domain.Scoring.ScoringPolicy.Default;
        return new Domain.Scoring.ScoringPolicy
        {
            Cap = d.Cap,
            LowerIsBetter = Infrastructure.EnumText.TryParse<Domain.Scoring.LowerIsBetterFormula>(d.LowerIsBetter, out var formula) ? formula : defaults.LowerIsBetter,
            Missing = Infrastructure.EnumText.TryParse<Domain.Scoring.MissingRule>(d.Missing, out var missing) ? missing : defaults.Missing,
            Threshold = d.Threshold,
            Bands = (d.Bands ?? []).Select(b => new Domain.Scoring.ScoreBand(b.From ?? 0, b.To, b.Score ?? 0)).OrderBy(b => b.From).ToList(),
            BandMode = Infrastructure.EnumText.TryParse<Domain.Scoring.BandMode>(d.BandMode, out var mode) ? mode : defaults.BandMode,
            YellowFrom = d.YellowFrom ?? defaults.YellowFrom,
            JustificationRequiredWhenMissed = d.JustificationRequiredWhenMissed ?? defaults.JustificationRequiredWhenMissed,
            Monitoring = MonitoringPolicies.ToDomain(d.Monitoring),
        };
    }

    public static Domain.Scoring.ScoringPolicy ToDomain(string json) => ToDomain(ReadDocument(json));
}
