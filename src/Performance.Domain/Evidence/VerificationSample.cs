namespace Performance.Domain.Evidence;

/// <summary>What the OIV found when it checked a sampled consuntivo against its source.</summary>
public enum SampleOutcome { Pending, Verified, NotVerified }

/// <summary>
/// A reproducible random sample of a year's consuntivi drawn by the OIV for verification (<see cref="SampleDrawing"/>):
/// the seed, the size and the algorithm are kept, so anyone can draw it again and get the same figures. A new draw for the
/// same year needs a reason and supersedes this one, which stays on record.
/// </summary>
public sealed class VerificationSample
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid PlanId { get; set; }
    public int Year { get; set; }
    /// <summary>1 for the year's first draw, one more for each draw after it: unique per plan and year, so of two draws racing
    /// for the same place only one is stored.</summary>
    public int Draw { get; set; }
    public long Seed { get; set; }
    /// <summary>The share asked for (0-1], when the size was given as a share of the population.</summary>
    public decimal? Share { get; set; }
    public int Size { get; set; }
    public int Population { get; set; }
    public required string Algorithm { get; set; }
    public required DateTime DrawnAt { get; set; }
    public required string DrawnBy { get; set; }
    /// <summary>Why a sample of this year was drawn again (required for every draw after the first).</summary>
    public string? Reason { get; set; }
    public Guid? SupersededById { get; set; }
    public List<SampledActual> Items { get; init; } = [];
}

/// <summary>One consuntivo (the revision current when drawn) in a sample, with the OIV's check.</summary>
public sealed class SampledActual
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid SampleId { get; set; }
    public Guid ActualId { get; set; }
    /// <summary>The stratum it was drawn from: the structure's code, empty for figures of no structure.</summary>
    public required string Stratum { get; set; }
    /// <summary>1-based order of the draw.</summary>
    public int Position { get; set; }
    public SampleOutcome Outcome { get; set; } = SampleOutcome.Pending;
    public string? Note { get; set; }
    public string? CheckedBy { get; set; }
    public DateTime? CheckedAt { get; set; }
}
