using System.Numerics;

namespace Performance.Domain.Scoring;

/// <summary>
/// A figure kept as numerator ÷ denominator (denominator &gt; 0) so that its one division happens last. A rate of
/// 16 cases out of 141 is 1600/141 %; "≤ 10%" then scores T × 141 × 100 / 1600 = 88,125 exactly, where dividing by
/// the rate cut at 28 digits gives 88,12499… and presents a cent low. Products may leave the decimal range: they throw
/// <see cref="OverflowException"/>, and callers then fall back to the plain decimal formula (extreme inputs only).
/// </summary>
internal readonly record struct Quotient
{
    private Quotient(decimal numerator, decimal denominator) => (Numerator, Denominator) = (numerator, denominator);

    public decimal Numerator { get; }
    public decimal Denominator { get; }

    public static Quotient Of(decimal value) => new(value, 1m);

    /// <summary>
    /// numerator / denominator with the sign carried by the numerator. A zero denominator can only come from a product
    /// of tiny operands rounded to 0: it is reported as <see cref="OverflowException"/>, so callers divide first instead.
    /// </summary>
    public static Quotient Over(decimal numerator, decimal denominator) =>
        denominator == 0 ? throw new OverflowException("The denominator underflowed to 0.")
        : denominator < 0 ? new(-numerator, -denominator) : new(numerator, denominator);

    /// <summary>The one division (throws OverflowException when the result is beyond the decimal range).</summary>
    public decimal Value => Denominator == 1m ? Numerator : Numerator / Denominator;

    public int Sign => Math.Sign(Numerator);

    public bool IsExactDecimal => Denominator == 1m;

    /// <summary>
    /// Whether the division is exact in decimal (7/2 = 3.5 is; 1600/141 is not): the value times the denominator gives
    /// the numerator back, checked in integers. Counting digits is not enough: 3,0000000000000000000000000001 / 3 is cut
    /// to 1, a single digit.
    /// </summary>
    private bool Terminates
    {
        get
        {
            if (Denominator == 1m) return true;
            try
            {
                var ((v, vs), (d, ds), (n, ns)) = (Integer(Value), Integer(Denominator), Integer(Numerator));
                return v * d * BigInteger.Pow(10, ns) == n * BigInteger.Pow(10, vs + ds);
            }
            catch (OverflowException)
            {
                return false;
            }
        }
    }

    /// <summary>|x| = mantissa / 10^scale (magnitudes suffice: the denominator is positive and the value has the numerator's sign).</summary>
    private static (BigInteger Mantissa, int Scale) Integer(decimal x)
    {
        var bits = decimal.GetBits(x);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return (mantissa, (bits[3] >> 16) & 0xFF);
    }

    /// <summary>
    /// Compares with x without dividing (n vs x·d). When x·d leaves the decimal range, |x·d| &gt; |n|, so x lies
    /// beyond the value on its own side of zero.
    /// </summary>
    public int CompareTo(decimal x)
    {
        if (Denominator == 1m) return Numerator.CompareTo(x);
        try
        {
            return Numerator.CompareTo(x * Denominator);
        }
        catch (OverflowException)
        {
            return x > 0 ? -1 : 1;
        }
    }

    /// <summary>Throws now, inside the caller's fallback, if the value is beyond the decimal range.</summary>
    public Quotient Checked()
    {
        _ = Value;
        return this;
    }

    /// <summary>"1600 / 141 = 11.347…" (the division spelled out), or the plain number when it is exact.</summary>
    public string WithValue() =>
        Terminates ? NumberText.Format(Value) : $"{NumberText.Format(Numerator)} / {NumberText.Format(Denominator)} = {NumberText.Format(Value)}";

    /// <summary>"(1600 / 141)" for explanations, or the plain number when the division is exact ("3.5" for 7/2).</summary>
    public override string ToString() =>
        Terminates ? NumberText.Format(Value) : $"({NumberText.Format(Numerator)} / {NumberText.Format(Denominator)})";
}
