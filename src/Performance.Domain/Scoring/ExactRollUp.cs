using System.Numerics;

namespace Performance.Domain.Scoring;

/// <summary>
/// A node's weighted mean from its children's scores cut at 28 digits can fall 10⁻²⁶ short of an exact half cent
/// (three children 47/8 apart in thirds) and present a cent low, or short of 100 and turn yellow. When the decimal
/// mean lies that close to a multiple of 0,0005 (every half cent, 100, the usual yellow limits) without being on it,
/// the mean is recomputed exactly (BigInteger fractions of the children's exact quotients) and, if the exact value is
/// on that multiple, it is used. Rare by construction: the common path never leaves decimal.
/// </summary>
internal static class ExactRollUp
{
    private const decimal Grid = 2000m; // multiples of 0,0005

    public static decimal? Settle(NodeScore node, decimal? score)
    {
        if (!score.HasValue || Math.Abs(score.Value) > 1e20m) return score;
        var s = score.Value;
        // The nearest multiple of 0,0005 (s × 2000 may itself round onto it, so compare s with it, not s × 2000).
        var nearest = decimal.Round(s * Grid) / Grid;
        if (s == nearest || Math.Abs(s - nearest) > 1e-18m) return score;
        var (n, d) = Mean(node);
        var grid = n * (BigInteger)Grid;
        return grid % d == 0 ? (decimal)(grid / d) / Grid : score;
    }

    /// <summary>Σ wᵢ·sᵢ / Σ wᵢ over the counted children, exactly (a missing child counted under Zero is 0).</summary>
    private static (BigInteger Num, BigInteger Den) Mean(NodeScore node)
    {
        BigInteger num = 0, den = 1, weights = 0, weightScale = 1;
        var contributions = node.RollUp.Contributions;
        for (var i = 0; i < contributions.Count; i++)
        {
            var c = contributions[i];
            if (c.Excluded) continue;
            var (sn, sd) = i < node.Indicators.Count
                ? Of(node.Indicators[i].Evaluation?.ExactScore)
                : node.Children[i - node.Indicators.Count] is { Score: not null } child ? Mean(child) : (0, 1);
            var (wn, wd) = Of(c.Weight);
            // num/den + w·s, with w = wn/wd and s = sn/sd.
            (num, den) = (num * wd * sd + wn * sn * den, den * wd * sd);
            // weights/weightScale + wn/wd
            (weights, weightScale) = (weights * wd + wn * weightScale, weightScale * wd);
        }
        // (num/den) / (weights/weightScale)
        var (rn, rd) = (num * weightScale, den * weights);
        var g = BigInteger.GreatestCommonDivisor(rn, rd);
        return rd.Sign < 0 ? (-rn / g, -rd / g) : (rn / g, rd / g);
    }

    /// <summary>n / d with both decimals turned into integer fractions: (nN·dD) / (nD·dN).</summary>
    private static (BigInteger, BigInteger) Of(Quotient? q)
    {
        if (!q.HasValue) return (0, 1);
        var x = q.Value;
        var ((nn, nd), (dn, dd)) = (Of(x.Numerator), Of(x.Denominator));
        return (nn * dd, nd * dn);
    }

    private static (BigInteger Num, BigInteger Den) Of(decimal v)
    {
        var bits = decimal.GetBits(v);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return (bits[3] < 0 ? -mantissa : mantissa, BigInteger.Pow(10, (bits[3] >> 16) & 0xFF));
    }
}
