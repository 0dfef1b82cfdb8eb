using System.Diagnostics.Metrics;

namespace Performance.Api.Infrastructure;

/// <summary>The service's own metrics (besides the HTTP ones): what operators watch to see load and cache behaviour.</summary>
public static class Telemetry
{
    public const string MeterName = "Performance";
    private static readonly Meter Meter = new(MeterName);

    /// <summary>Consuntivi stored (single posts and bulk loads), by route kind.</summary>
    public static readonly Counter<long> ActualsStored = Meter.CreateCounter<long>("performance.actuals.stored", "{consuntivo}", "Consuntivi stored");

    /// <summary>Plan trees loaded from the database (a cache miss); the rest of the score reads were served from the cache.</summary>
    public static readonly Histogram<double> PlanTreeLoad = Meter.CreateHistogram<double>("performance.plan_tree.load.duration", "s", "Loading a plan tree from the database");

    public static readonly Counter<long> PlanTreeAdvances = Meter.CreateCounter<long>("performance.plan_tree.advances", "{read}", "Score reads served by a cached plan tree brought up to date with the consuntivi added since");
    public static readonly Counter<long> PlanTreeShared = Meter.CreateCounter<long>("performance.plan_tree.shared", "{read}", "Score reads served by the plan tree another read was loading or bringing forward when they came");
    public static readonly Counter<long> PlanTreeHits = Meter.CreateCounter<long>("performance.plan_tree.cache_hits", "{read}", "Score reads served by a cached plan tree");

    public static readonly Counter<long> ScoreAnswersReused = Meter.CreateCounter<long>("performance.score_answers.reused", "{read}", "Score reads sent the answer already computed at the plan's position");
}
