using System.Globalization;
using System.Numerics;

namespace Performance.Domain.Tests.Oracle;

/// <summary>
/// An exact rational number (BigInteger numerator over a positive denominator, always reduced): the oracle's only
/// number type, so nothing is ever truncated. Deliberately small: the operations the scoring rules need.
/// </summary>
internal readonly struct Rational : IComparable<Rational>, IEquatable<Rational>
{
    public BigInteger Num { get; }
    public BigInteger Den { get; }

    public Rational(BigInteger num, BigInteger den)
    {
        if (den.IsZero) throw new DivideByZeroException("Rational with denominator 0.");
        if (den.Sign < 0) (num, den) = (-num, -den);
        var g = BigInteger.GreatestCommonDivisor(num, den);
        if (!g.IsOne && !g.IsZero) (num, den) = (num / g, den / g);
        Num = num;
        Den = den.IsZero ? BigInteger.One : den;
    }

    public static readonly Rational Zero = new(0, 1);
    public static readonly Rational Hundred = new(100, 1);

    public static implicit operator Rational(int v) => new(v, 1);

    /// <summary>Exact: a decimal is an integer mantissa over a power of ten.</summary>
    public static Rational From(decimal d)
    {
        var bits = decimal.GetBits(d);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0) mantissa = -mantissa;
        return new Rational(mantissa, BigInteger.Pow(10, scale));
    }

    public int Sign => Num.Sign;
    public bool IsZero => Num.IsZero;
    public Rational Abs() => new(BigInteger.Abs(Num), Den);

    public static Rational operator +(Rational a, Rational b) => new(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a, Rational b) => new(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den);
    public static Rational operator -(Rational a) => new(-a.Num, a.Den);
    public static Rational operator *(Rational a, Rational b) => new(a.Num * b.Num, a.Den * b.Den);
    public static Rational operator /(Rational a, Rational b) => new(a.Num * b.Den, a.Den * b.Num);

    public int CompareTo(Rational other) => (Num * other.Den).CompareTo(other.Num * Den);
    public bool Equals(Rational other) => Num == other.Num && Den == other.Den;
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Num, Den);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    /// <summary>Rounded half away from zero to 2 decimals, as the documents present figures.</summary>
    public decimal Present()
    {
        var cents = BigInteger.DivRem(BigInteger.Abs(Num) * 100, Den, out var remainder);
        if (remainder * 2 >= Den) cents += 1;
        var value = decimal.Parse(cents.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) / 100m;
        return Num.Sign < 0 ? -value : value;
    }

    public override string ToString() => Den.IsOne ? Num.ToString(CultureInfo.InvariantCulture) : $"{Num}/{Den}";
}
