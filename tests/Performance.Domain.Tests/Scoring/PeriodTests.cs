using Performance.Domain.Periods;

namespace Performance.Domain.Tests.Scoring;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("Y", PeriodKind.Year, 1, "Y")]
    [InlineData("y", PeriodKind.Year, 1, "Y")]
    [InlineData("S1", PeriodKind.Semester, 1, "S1")]
    [InlineData("S2", PeriodKind.Semester, 2, "S2")]
    [InlineData("T3", PeriodKind.FourMonth, 3, "T3")]
    [InlineData("Q4", PeriodKind.Quarter, 4, "Q4")]
    [InlineData("q2", PeriodKind.Quarter, 2, "Q2")]
    [InlineData("M01", PeriodKind.Month, 1, "M01")]
    [InlineData("M1", PeriodKind.Month, 1, "M01")]
    [InlineData("M12", PeriodKind.Month, 12, "M12")]
    [InlineData(" M07 ", PeriodKind.Month, 7, "M07")]
    [InlineData("F1", PeriodKind.Forecast, 1, "F1")]
    [InlineData("F4", PeriodKind.Forecast, 4, "F4")]
    public void Parses_codes(string code, PeriodKind kind, int index, string canonical)
    {
        Assert.True(Period.TryParse(code, out var p));
        Assert.Equal(new Period(kind, index), p);
        Assert.Equal(canonical, p.Code);
        Assert.Equal(p, Period.Parse(p.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("S3")]
    [InlineData("T4")]
    [InlineData("Q0")]
    [InlineData("Q5")]
    [InlineData("M13")]
    [InlineData("M00")]
    [InlineData("M001")]
    [InlineData("F5")]
    [InlineData("Q01")]
    [InlineData("X1")]
    [InlineData("Y1")]
    [InlineData("M+1")]
    [InlineData("Q")]
    public void Rejects_bad_codes(string? code)
    {
        Assert.False(Period.TryParse(code, out _));
        if (code is not null) Assert.Throws<FormatException>(() => Period.Parse(code));
    }

    [Theory]
    [InlineData("Y", "2024-01-01", "2024-12-31")]
    [InlineData("S1", "2024-01-01", "2024-06-30")]
    [InlineData("S2", "2024-07-01", "2024-12-31")]
    [InlineData("T1", "2024-01-01", "2024-04-30")]
    [InlineData("T2", "2024-05-01", "2024-08-31")]
    [InlineData("T3", "2024-09-01", "2024-12-31")]
    [InlineData("Q1", "2024-01-01", "2024-03-31")]
    [InlineData("Q3", "2024-07-01", "2024-09-30")]
    [InlineData("M02", "2024-02-01", "2024-02-29")]
    [InlineData("M12", "2024-12-01", "2024-12-31")]
    [InlineData("F2", "2024-01-01", "2024-12-31")]
    public void Start_and_end(string code, string start, string end)
    {
        var p = Period.Parse(code);
        Assert.Equal(DateOnly.Parse(start), p.Start(2024));
        Assert.Equal(DateOnly.Parse(end), p.End(2024));
    }

    [Fact]
    public void February_in_a_common_year() => Assert.Equal(new DateOnly(2023, 2, 28), Period.Month(2).End(2023));

    [Fact]
    public void Factories_validate() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Quarter(5));

    [Fact]
    public void Containment()
    {
        Assert.True(Period.Month(5).IsWithin(Period.Quarter(2)));
        Assert.True(Period.Quarter(2).IsWithin(Period.Semester(1)));
        Assert.False(Period.Quarter(2).IsWithin(Period.FourMonth(1)));
        Assert.True(Period.FourMonth(3).IsWithin(Period.Annual));
        Assert.False(Period.Forecast(1).IsWithin(Period.Annual));
    }
}

public sealed class PeriodJsonTests
{
    [Fact]
    public void Serialises_as_its_code()
    {
        Assert.Equal("\"M04\"", System.Text.Json.JsonSerializer.Serialize(Period.Month(4)));
        Assert.Equal(Period.Quarter(3), System.Text.Json.JsonSerializer.Deserialize<Period>("\"q3\""));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<Period>("\"Q9\""));
    }

    [Fact]
    public void A_period_key_travels_as_its_code_both_ways()
    {
        var profile = new Dictionary<Period, decimal> { [Period.Quarter(3)] = 30m, [Period.Month(1)] = 5m };
        Assert.Equal("""{"Q3":30,"M01":5}""", System.Text.Json.JsonSerializer.Serialize(profile));
        var read = System.Text.Json.JsonSerializer.Deserialize<Dictionary<Period, decimal>>("""{"q3":30,"M1":5}""")!;
        Assert.Equal((30m, 5m), (read[Period.Quarter(3)], read[Period.Month(1)]));
        Assert.Throws<System.Text.Json.JsonException>(() => System.Text.Json.JsonSerializer.Deserialize<Dictionary<Period, decimal>>("""{"Q9":1}"""));
    }
}
