using System.Text.Json;
using System.Text.Json.Serialization;

namespace Performance.Api.Features.Plans;

/// <summary>The scoring policy is stored with the plan in its document form (so export returns what was imported).</summary>
public static partial class PlanPolicies
{
    public static readonly ScoringPolicyDocument DefaultDocument = new(100, "InverseRatio", "Exclude", null, []);

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static ScoringPolicyDocument ReadDocument(string json) =>
        JsonSerializer.Deserialize<ScoringPolicyDocument>(json, JsonOptions) ?? DefaultDocument;
}
