using Performance.Domain.Evidence;

namespace Performance.Domain.Tests.Evidence;

/// <summary>
/// The sampling algorithm of docs/evidence.md. The expected figures come from an independent implementation of the same
/// written algorithm (a short Python program, reproduced in docs/evidence.md), not from this code.
/// </summary>
public sealed class SampleDrawingTests
{
    [Theory]
    [InlineData(0UL, new[] { 0x99EC5F36CB75F2B4UL, 0xBF6E1F784956452AUL, 0x1A5F849D4933E6E0UL, 0x6AA594F1262D2D2CUL })]
    [InlineData(42UL, new[] { 0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL, 0xAE17533239E499A1UL, 0xECB8AD4703B360A1UL })]
    public void Xoshiro256StarStar_seeded_by_SplitMix64_gives_the_reference_outputs(ulong seed, ulong[] expected)
    {
        var random = new Xoshiro256StarStar(seed);
        Assert.Equal(expected, expected.Select(_ => random.Next()).ToArray());
    }

    [Fact]
    public void Below_rejects_the_biased_values_and_reduces_the_rest()
    {
        var random = new Xoshiro256StarStar(42);
        Assert.Equal([2UL, 2UL, 9UL, 3UL, 6UL, 4UL, 4UL, 7UL], Enumerable.Range(0, 8).Select(_ => random.Below(10)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Below(0));
    }

    private static List<SampleCandidate> Population() =>
    [
        // Given in no particular order: the draw orders strata and keys itself.
        new(Guid.NewGuid(), "B", "b2"), new(Guid.NewGuid(), "A", "a3"), new(Guid.NewGuid(), "", "n2"), new(Guid.NewGuid(), "A", "a1"),
        new(Guid.NewGuid(), "B", "b1"), new(Guid.NewGuid(), "A", "a5"), new(Guid.NewGuid(), "A", "a2"), new(Guid.NewGuid(), "", "n1"),
        new(Guid.NewGuid(), "B", "b3"), new(Guid.NewGuid(), "A", "a4"),
    ];

    [Fact]
    public void A_draw_matches_the_reference_draw_of_the_written_algorithm()
    {
        // Strata '' (2), A (5), B (3); size 5: quotas 1, 2, 1 and one unit left for the largest remainder (A and B tie at 5:
        // A comes first) → '' 1, A 3, B 1. Seed 2024, one generator across the strata in order.
        var drawn = SampleDrawing.Draw(Population(), 2024, 5);
        Assert.Equal(["n1", "a4", "a3", "a5", "b1"], drawn.Select(c => c.Key));
    }

    [Fact]
    public void The_same_seed_draws_the_same_sample_and_another_seed_another()
    {
        var population = Population();
        var shuffled = population.OrderBy(c => c.Id).ToList();
        var first = SampleDrawing.Draw(population, 7, 4).Select(c => c.Id).ToList();
        Assert.Equal(first, SampleDrawing.Draw(shuffled, 7, 4).Select(c => c.Id));
        var others = Enumerable.Range(8, 20).Select(seed => string.Join(",", SampleDrawing.Draw(population, seed, 4).Select(c => c.Key))).Distinct().Count();
        Assert.True(others > 5, $"only {others} different samples over 20 seeds");
    }

    [Theory]
    [InlineData(new[] { 5, 3, 2 }, 5, new[] { 3, 1, 1 })]
    [InlineData(new[] { 1, 1, 1 }, 2, new[] { 1, 1, 0 })]
    [InlineData(new[] { 10, 0, 30 }, 8, new[] { 2, 0, 6 })]
    [InlineData(new[] { 7, 7, 7 }, 21, new[] { 7, 7, 7 })]
    [InlineData(new[] { 3, 4 }, 0, new[] { 0, 0 })]
    public void Allocation_is_proportional_with_the_largest_remainders(int[] sizes, int n, int[] expected) =>
        Assert.Equal(expected, SampleDrawing.Allocate(sizes, n));

    [Fact]
    public void Every_draw_is_a_subset_of_its_size_with_no_repeats_and_each_stratum_within_its_quota()
    {
        var population = Enumerable.Range(0, 57).Select(i => new SampleCandidate(Guid.NewGuid(), $"S{i % 4}", $"k{i:D3}")).ToList();
        for (var seed = 0; seed < 200; seed++)
        {
            var size = seed % 58;
            var drawn = SampleDrawing.Draw(population, seed, size);
            Assert.Equal(size, drawn.Count);
            Assert.Equal(size, drawn.Select(c => c.Id).Distinct().Count());
            var strata = population.Select(c => c.Stratum).Distinct().Order(StringComparer.Ordinal).ToList();
            var quotas = SampleDrawing.Allocate(strata.Select(s => population.Count(c => c.Stratum == s)).ToList(), size);
            Assert.Equal(quotas, strata.Select(s => drawn.Count(c => c.Stratum == s)).ToList());
        }
        Assert.Equal(57, SampleDrawing.Draw(population, 1, 100).Count);
    }

    [Theory]
    [InlineData(40, null, 0.1, 4)]
    [InlineData(41, null, 0.1, 5)]
    [InlineData(3, null, 0.01, 1)]
    [InlineData(0, null, 0.5, 0)]
    [InlineData(10, 3, null, 3)]
    public void The_size_is_given_or_the_share_rounded_up(int population, int? size, double? share, int expected) =>
        Assert.Equal(expected, SampleDrawing.SizeFor(population, size, share is { } s ? (decimal)s : null));
}
