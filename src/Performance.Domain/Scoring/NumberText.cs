using System.Globalization;

namespace Performance.Domain.Scoring;

/// <summary>
/// Numbers in explanation texts: invariant culture, full precision, no trailing zeros, so an OIV can re-key them
/// into a calculator and get the engine's figure.
/// </summary>
internal static class NumberText
{
    public static string Format(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Format(decimal? value) => value.HasValue ? Format(value.Value) : "—";
}
