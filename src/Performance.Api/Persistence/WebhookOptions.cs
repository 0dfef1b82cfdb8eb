namespace Performance.Api.Persistence;

/// <summary>
/// The <c>Webhooks</c> section: how the worker delivers the outbox and how often the overdue pass runs. Retries wait
/// <see cref="RetryBaseSeconds"/> × 2^(attempt-1), at most <see cref="RetryMaxSeconds"/>, for at most
/// <see cref="MaxAttempts"/> attempts in all.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>False stops delivering (events are still written to the outbox and delivered once it is true again).</summary>
    public bool DeliveryEnabled { get; set; } = true;
    public int TimeoutSeconds { get; set; } = 10;
    public int RetryBaseSeconds { get; set; } = 30;
    public int RetryMaxSeconds { get; set; } = 3600;
    public int MaxAttempts { get; set; } = 12;
    /// <summary>How long a claimed delivery belongs to one worker: longer than an attempt, so no other instance sends it meanwhile.</summary>
    public int LeaseSeconds { get; set; } = 60;
    public int PollSeconds { get; set; } = 5;
    public int BatchSize { get; set; } = 20;
    /// <summary>How often the overdue pass looks for late consuntivi (0 turns it off).</summary>
    public int OverdueIntervalMinutes { get; set; } = 60;
    /// <summary>Consuntivi overdue since longer than this are not announced (a first subscription does not flood the endpoint with old years).</summary>
    public int OverdueLookbackDays { get; set; } = 90;
    /// <summary>When not empty, the only hosts an endpoint may be registered on (exact names, case-insensitive).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Min(attempts - 1, 30))));

    public bool AllowsHost(string host) => AllowedHosts.Count == 0 || AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Problems(WebhookOptions o)
    {
        if (o.TimeoutSeconds is < 1 or > 300) yield return $"{Section}:TimeoutSeconds must be between 1 and 300.";
        if (o.RetryBaseSeconds < 1) yield return $"{Section}:RetryBaseSeconds must be at least 1.";
        if (o.RetryMaxSeconds < o.RetryBaseSeconds) yield return $"{Section}:RetryMaxSeconds must be at least RetryBaseSeconds ({o.RetryBaseSeconds}).";
        if (o.MaxAttempts is < 1 or > 100) yield return $"{Section}:MaxAttempts must be between 1 and 100.";
        if (o.LeaseSeconds <= o.TimeoutSeconds) yield return $"{Section}:LeaseSeconds must be longer than TimeoutSeconds ({o.TimeoutSeconds}): a claim must outlast its attempt.";
        if (o.PollSeconds < 1) yield return $"{Section}:PollSeconds must be at least 1.";
        if (o.BatchSize is < 1 or > 1000) yield return $"{Section}:BatchSize must be between 1 and 1000.";
        if (o.OverdueIntervalMinutes < 0) yield return $"{Section}:OverdueIntervalMinutes must be 0 (off) or more.";
        if (o.OverdueLookbackDays < 1) yield return $"{Section}:OverdueLookbackDays must be at least 1.";
        for (var i = 0; i < o.AllowedHosts.Count; i++)
            if (string.IsNullOrWhiteSpace(o.AllowedHosts[i]) || Uri.CheckHostName(o.AllowedHosts[i]) == UriHostNameType.Unknown)
                yield return $"{Section}:AllowedHosts:{i} must be a host name or address.";
    }
}
