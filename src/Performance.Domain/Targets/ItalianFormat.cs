using System.Globalization;

namespace Performance.Domain.Targets;

/// <summary>Numbers for Italian readers, at full precision: "1.296", "1,08", "-0,5" (no rounding, no trailing zeros).</summary>
internal static class ItalianFormat
{
    private static readonly NumberFormatInfo Italian = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };

    public static string Number(decimal value) => value.ToString("#,0.############################", Italian);
}
