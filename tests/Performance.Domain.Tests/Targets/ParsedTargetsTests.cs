using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>The memo answers exactly what the parser answers, for each (text, polarity, year), errors included.</summary>
public sealed class ParsedTargetsTests
{
    public static TheoryData<string, Polarity?, int?> Cases => new()
    {
        { ">= 80%", null, 2024 }, { "10,00", Polarity.HigherIsBetter, 2024 }, { "10,00", Polarity.LowerIsBetter, 2024 },
        { "entro il 30/06", null, 2024 }, { "entro il 30/06", null, 2025 }, { "tra 90% e 110%", null, null }, { ">= abc", null, 2024 },
        { "", null, 2024 }, { "almeno 1.200 pratiche", null, 2024 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Memo_gives_the_parser_s_answer_every_time(string text, Polarity? polarity, int? year)
    {
        var parsed = TargetParser.TryParse(text, polarity, year, out var expected, out var expectedError);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(parsed, ParsedTargets.TryParse(text, polarity, year, out var target, out var error));
            Assert.Equal(expected, target);
            Assert.Equal(expectedError?.Message, error?.Message);
        }
    }
}
