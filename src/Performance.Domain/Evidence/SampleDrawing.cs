namespace Performance.Domain.Evidence;

/// <summary>A consuntivo that may be drawn: its stratum (structure code, empty for none) and a stable key that orders it.</summary>
public sealed record SampleCandidate(Guid Id, string Stratum, string Key);

/// <summary>
/// The sampling algorithm, written out so that it never changes with a .NET version (System.Random's may) and can be
/// re-implemented from docs/evidence.md to check a sample by hand:
/// <list type="number">
/// <item>strata in ordinal order of their code; inside each stratum the candidates in ordinal order of their key (id as tie-break);</item>
/// <item>the size is allocated to strata in proportion to their populations: each gets ⌊n·Nₕ/N⌋, and the units left go one each
/// to the strata with the largest remainders n·Nₕ mod N (earlier stratum first on ties);</item>
/// <item>one generator for the whole draw, xoshiro256** seeded by four SplitMix64 outputs from the seed; in each stratum, in
/// order, a partial Fisher–Yates shuffle picks nₕ candidates (step i swaps position i with i + below(Nₕ − i)), where
/// below(m) is a 64-bit output reduced mod m after rejecting outputs under 2⁶⁴ mod m (no modulo bias).</item>
/// </list>
/// </summary>
public static class SampleDrawing
{
    public const string Algorithm = "performance-sample/1 (proportional strata, largest remainder, partial Fisher-Yates, xoshiro256** seeded by SplitMix64)";

    /// <summary>The sample size for a population: a given size, or the share rounded up (at least one).</summary>
    public static int SizeFor(int population, int? size, decimal? share) =>
        size ?? (int)Math.Min(population, Math.Max(1m, Math.Ceiling(population * (share ?? 0m))));

    /// <summary>Draws <paramref name="size"/> candidates (at most all of them), in the order drawn.</summary>
    public static IReadOnlyList<SampleCandidate> Draw(IEnumerable<SampleCandidate> candidates, long seed, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var strata = candidates
            .GroupBy(c => c.Stratum, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.Key, StringComparer.Ordinal).ThenBy(c => c.Id.ToString("N"), StringComparer.Ordinal).ToArray())
            .ToList();
        var population = strata.Sum(s => s.Length);
        var n = Math.Min(size, population);
        var allocation = Allocate(strata.Select(s => s.Length).ToList(), n);

        var random = new Xoshiro256StarStar(unchecked((ulong)seed));
        var drawn = new List<SampleCandidate>(n);
        for (var h = 0; h < strata.Count; h++)
        {
            var stratum = strata[h];
            for (var i = 0; i < allocation[h]; i++)
            {
                var j = i + (int)random.Below((ulong)(stratum.Length - i));
                (stratum[i], stratum[j]) = (stratum[j], stratum[i]);
                drawn.Add(stratum[i]);
            }
        }
        return drawn;
    }

    /// <summary>Largest-remainder (Hamilton) allocation of <paramref name="n"/> over strata of the given sizes, in exact integers.</summary>
    public static IReadOnlyList<int> Allocate(IReadOnlyList<int> sizes, int n)
    {
        long total = sizes.Sum();
        if (total == 0) return sizes.Select(_ => 0).ToList();
        var quota = sizes.Select(s => (int)((long)n * s / total)).ToArray();
        var left = n - quota.Sum();
        foreach (var h in Enumerable.Range(0, sizes.Count).OrderByDescending(h => (long)n * sizes[h] % total).ThenBy(h => h).Take(left))
            quota[h]++;
        return quota;
    }
}

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna, 2018), its state filled by SplitMix64 from a 64-bit seed as its authors recommend.
/// Written here, not borrowed, so a sample drawn today is drawn the same on any runtime.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    public static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound): outputs below 2⁶⁴ mod bound are drawn again, the rest reduced mod bound.</summary>
    public ulong Below(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = Next();
            if (r >= threshold) return r % bound;
        }
    }
}
