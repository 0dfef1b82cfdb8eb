using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Performance.Domain.Language;

namespace Performance.Domain.Periods;

/// <summary>
/// A period of a plan year: <c>Y</c>, <c>S1</c>–<c>S2</c>, <c>T1</c>–<c>T3</c> (four-month), <c>Q1</c>–<c>Q4</c>,
/// <c>M01</c>–<c>M12</c>, or a forecast snapshot <c>F1</c>–<c>F4</c>. The year itself is not part of the period
/// because actuals are always stored against a plan year; its start and end dates are computed with that year.
/// Travels in JSON as its code ("Q3").
/// </summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly record struct Period(PeriodKind Kind, int Index)
{
    public static Period Annual => new(PeriodKind.Year, 1);
    public static Period Semester(int index) => Create(PeriodKind.Semester, index);
    public static Period FourMonth(int index) => Create(PeriodKind.FourMonth, index);
    public static Period Quarter(int index) => Create(PeriodKind.Quarter, index);
    public static Period Month(int index) => Create(PeriodKind.Month, index);
    public static Period Forecast(int index) => Create(PeriodKind.Forecast, index);

    /// <summary>How many periods of this kind a year holds (forecasts: the four quarterly snapshots).</summary>
    public static int CountPerYear(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => 1,
        PeriodKind.Semester => 2,
        PeriodKind.FourMonth => 3,
        PeriodKind.Quarter => 4,
        PeriodKind.Month => 12,
        PeriodKind.Forecast => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Length in months of one period of this kind; forecasts project the whole year.</summary>
    public static int MonthsPerPeriod(PeriodKind kind) => kind switch
    {
        PeriodKind.Year or PeriodKind.Forecast => 12,
        PeriodKind.Semester => 6,
        PeriodKind.FourMonth => 4,
        PeriodKind.Quarter => 3,
        PeriodKind.Month => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The kind of period an indicator's declared frequency (rilevazione) is made of.</summary>
    public static PeriodKind KindOf(Plans.Frequency frequency) => frequency switch
    {
        Plans.Frequency.Monthly => PeriodKind.Month,
        Plans.Frequency.Quarterly => PeriodKind.Quarter,
        Plans.Frequency.FourMonthly => PeriodKind.FourMonth,
        Plans.Frequency.Semiannual => PeriodKind.Semester,
        Plans.Frequency.Annual => PeriodKind.Year,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
    };

    public bool IsValid => Enum.IsDefined(Kind) && Index >= 1 && Index <= CountPerYear(Kind);

    public bool IsForecast => Kind == PeriodKind.Forecast;

    /// <summary>The canonical code: <c>Y</c>, <c>S1</c>, <c>T2</c>, <c>Q3</c>, <c>M04</c>, <c>F1</c>.</summary>
    public string Code => Kind switch
    {
        PeriodKind.Year => "Y",
        PeriodKind.Semester => "S" + Index.ToString(CultureInfo.InvariantCulture),
        PeriodKind.FourMonth => "T" + Index.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => "Q" + Index.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Month => "M" + Index.ToString("00", CultureInfo.InvariantCulture),
        PeriodKind.Forecast => "F" + Index.ToString(CultureInfo.InvariantCulture),
        _ => $"{Kind}{Index}",
    };

    public override string ToString() => Code;

    public DateOnly Start(int year)
    {
        EnsureValid();
        if (Kind is PeriodKind.Year or PeriodKind.Forecast) return new DateOnly(year, 1, 1);
        return new DateOnly(year, FirstMonth, 1);
    }

    public DateOnly End(int year)
    {
        EnsureValid();
        if (Kind is PeriodKind.Year or PeriodKind.Forecast) return new DateOnly(year, 12, 31);
        var lastMonth = FirstMonth + MonthsPerPeriod(Kind) - 1;
        return new DateOnly(year, lastMonth, DateTime.DaysInMonth(year, lastMonth));
    }

    /// <summary>True when this period lies inside <paramref name="other"/> (e.g. M05 in Q2, S1 and Y).</summary>
    public bool IsWithin(Period other)
    {
        if (IsForecast || other.IsForecast) return this == other;
        const int anyYear = 2000;
        return Start(anyYear) >= other.Start(anyYear) && End(anyYear) <= other.End(anyYear);
    }

    private int FirstMonth => (Index - 1) * MonthsPerPeriod(Kind) + 1;

    private void EnsureValid()
    {
        if (!IsValid) throw new InvalidOperationException($"Invalid period {Kind} {Index}.");
    }

    public static Period Parse(string code) =>
        TryParse(code, out var period)
            ? period
            : throw new FormatException(
                Say.It($"\"{code}\": serve un codice di periodo Y, S1-S2, T1-T3, Q1-Q4, M01-M12 o F1-F4.", $"\"{code}\": expected a period code Y, S1-S2, T1-T3, Q1-Q4, M01-M12 or F1-F4."));

    /// <summary>Case-insensitive; accepts <c>M1</c> as well as <c>M01</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(code)) return false;
        var text = code.Trim().ToUpperInvariant();
        if (text == "Y")
        {
            period = Annual;
            return true;
        }

        PeriodKind? kind = text[0] switch
        {
            'S' => PeriodKind.Semester,
            'T' => PeriodKind.FourMonth,
            'Q' => PeriodKind.Quarter,
            'M' => PeriodKind.Month,
            'F' => PeriodKind.Forecast,
            _ => null,
        };
        var digits = text.AsSpan(1);
        // Only plain ASCII digits, at most two: rejects "Q+1", "M 3", "M001".
        if (kind is null || digits.Length is < 1 or > 2) return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
        }

        var index = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        // Two digits are only meaningful for months ("M01"); "Q01" would be a typo worth rejecting.
        if (digits.Length == 2 && kind != PeriodKind.Month) return false;
        var candidate = new Period(kind.Value, index);
        if (!candidate.IsValid) return false;
        period = candidate;
        return true;
    }

    private static Period Create(PeriodKind kind, int index)
    {
        var period = new Period(kind, index);
        if (!period.IsValid)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{kind} index must be 1-{CountPerYear(kind)}.");
        return period;
    }
}

/// <summary>Periods travel as their codes ("M01", "Q3", "F2") in JSON, as the API contract writes them.</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var code = reader.GetString();
        return Period.TryParse(code, out var period)
            ? period
            : throw new JsonException(Say.It($"\"{code}\" non è un codice di periodo (Y, S1-S2, T1-T3, Q1-Q4, M01-M12, F1-F4).", $"\"{code}\" is not a period code (Y, S1-S2, T1-T3, Q1-Q4, M01-M12, F1-F4)."));
    }

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Code);

    // A dictionary keyed by Period (a monitoring profile, period targets) needs these too, or it cannot be written at all.
    public override Period ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Read(ref reader, typeToConvert, options);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Code);
}
