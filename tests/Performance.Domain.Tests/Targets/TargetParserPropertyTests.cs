using System.Globalization;
using System.Text;
using Performance.Domain.Targets;

namespace Performance.Domain.Tests.Targets;

/// <summary>Seeded random inputs: the parser must only ever throw TargetParseException, and well-formed targets must round-trip.</summary>
public sealed class TargetParserPropertyTests
{
    private static readonly string[] Tokens =
    [
        "0", "1", "5", "9", "38", "80", "100", "2011", "2024", "1.039", "1.234,56", "10,00", "0.5", ".", ",", ".", ",", ",,", "..",
        " ", " ", " ", "\u00A0", "\u202F", "\t", "\u200B", ">", "<", "=", ">=", "<=", "> =", "=>", "≥", "≤", "≠", "<>", "⩾", "%", "€",
        "-", "–", "+", "−", "/", "(", ")", "*", "°", "º", "'", "’", "\"", ":", "e", "a", "il", "l'", "almeno", "Almeno", "entro",
        "ENTRO", "tra", "fra", "da", "dal", "al", "compreso tra", "non oltre", "massimo", "minimo", "max", "min.", "pari a",
        "superiore a", "maggiore o uguale a", "più di", "fine", "anno", "giugno", "feb", "mar.", "gg", "giorni", "lavorativi",
        "ore", "h", "euro", "mila", "milioni", "di", "n.", "N°", "nr", "bandi", "iniziative", "una", "tre", "SI", "Sì", "On",
        "Referti OIV", "costi anno", "30/06/2024", "31/02/2024", "30/06", "1°", "30.06.24", "😀", "İ", "\u0301", "\uD800", "ß",
        "٣", "１", "Ⅻ", "\0", "\n", "9999999999999999999999999999999", "00000000000000000000000000000000001",
        // Second round: no target, relative targets, schedules, prose cue words, new units.
        "n.d.", "n.a.", "—", "non previsto", "…", "xx", "gg. …", "rispetto al", "rispetto alla baseline", "rispetto all'anno precedente",
        "incremento del", "Riduzione del", "ulteriori", "mantenimento del livello", "valore", "baseline", "Anno 2025:", "2026:", "anno",
        "di cui", "escluso", "per ogni", "‰", "minuti", "mesi", "p.", "punti", "punti percentuali", "+", "Numero di giorni:", ":",
        ";", "entro il", "da concludere", "miglioramento", "Realizzazione", "almeno di base",
    ];

    // PARSER_CASES lowers the number of random strings for mutation runs (every mutant reruns these loops); the other
    // loops scale with it. The default is what CI runs.
    private static readonly int Cases =
        int.TryParse(Environment.GetEnvironmentVariable("PARSER_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 20_000;

    private static readonly Polarity?[] Polarities = [null, Polarity.HigherIsBetter, Polarity.LowerIsBetter, Polarity.Milestone];
    private static readonly int?[] Years = [null, 2021, 2024, 0, -1, 9999, 10000, int.MinValue, int.MaxValue];

    [Fact]
    public void Random_strings_only_ever_throw_TargetParseException()
    {
        var random = new Random(20240630);
        var parsed = new Dictionary<TargetKind, int>();
        var failed = 0;
        for (var i = 0; i < Cases; i++)
        {
            var text = RandomText(random, i);
            if (AssertOnlyParseErrors(text, Polarities[random.Next(Polarities.Length)], Years[random.Next(Years.Length)]) is { } kind)
            {
                parsed[kind] = parsed.GetValueOrDefault(kind) + 1;
            }
            else
            {
                failed++;
            }
        }
        // The generator must reach both outcomes and every kind, or the test proves little.
        Assert.True(failed > Cases / 20, $"only {failed} failures");
        Assert.All(Enum.GetValues<TargetKind>(), k => Assert.True(parsed.GetValueOrDefault(k) > Cases / 1_000, $"{k}: {parsed.GetValueOrDefault(k)}"));
    }

    [Fact]
    public void Random_characters_only_ever_throw_TargetParseException()
    {
        var random = new Random(7);
        for (var i = 0; i < Cases / 2; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var j = 0; j < chars.Length; j++)
            {
                // Mostly ASCII/Latin-1, sometimes anything in the BMP (lone surrogates included).
                chars[j] = random.Next(4) == 0 ? (char)random.Next(0, 0xFFFF) : (char)random.Next(0, 0x100);
            }
            AssertOnlyParseErrors(new string(chars), Polarities[random.Next(Polarities.Length)], Years[random.Next(Years.Length)]);
        }
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Very_long_inputs_are_handled(int length)
    {
        AssertOnlyParseErrors(">= " + new string('9', length), null, null);
        AssertOnlyParseErrors(">= 1" + string.Concat(Enumerable.Repeat(".000", length / 4)), null, null);
        AssertOnlyParseErrors("0," + new string('3', length), Polarity.HigherIsBetter, null);
        AssertOnlyParseErrors(new string(' ', length) + ">= 5", null, null);
        AssertOnlyParseErrors("Realizzazione " + new string('x', length), null, null);
        AssertOnlyParseErrors(new string('>', length), null, null);
        AssertOnlyParseErrors(string.Concat(Enumerable.Repeat("tra 1 e ", length / 8)), null, null);
    }

    private static readonly (string Text, TargetOperator Op)[] Operators =
    [
        (">=", TargetOperator.AtLeast), ("> =", TargetOperator.AtLeast), ("=>", TargetOperator.AtLeast), ("≥", TargetOperator.AtLeast),
        ("maggiore o uguale a", TargetOperator.AtLeast), ("almeno", TargetOperator.AtLeast), ("non inferiore a", TargetOperator.AtLeast),
        ("minimo", TargetOperator.AtLeast), ("<=", TargetOperator.AtMost), ("=<", TargetOperator.AtMost), ("≤", TargetOperator.AtMost),
        ("non oltre", TargetOperator.AtMost), ("massimo", TargetOperator.AtMost), ("non superiore a", TargetOperator.AtMost),
        (">", TargetOperator.MoreThan), ("superiore a", TargetOperator.MoreThan), ("oltre", TargetOperator.MoreThan),
        ("più di", TargetOperator.MoreThan), ("<", TargetOperator.LessThan), ("inferiore a", TargetOperator.LessThan),
        ("meno di", TargetOperator.LessThan), ("=", TargetOperator.Equal), ("pari a", TargetOperator.Equal),
    ];

    private static readonly (string Text, TargetUnit Unit)[] Units =
    [
        ("%", TargetUnit.Percent), (" %", TargetUnit.Percent), ("gg", TargetUnit.Days), (" gg", TargetUnit.Days),
        (" giorni", TargetUnit.Days), (" giorni lavorativi", TargetUnit.Days), (" gg lavorativi", TargetUnit.Days),
        (" €", TargetUnit.Euro), (" euro", TargetUnit.Euro), (" ore", TargetUnit.Hours), ("h", TargetUnit.Hours),
        ("", TargetUnit.None), (" bandi", TargetUnit.Count), (" iniziative", TargetUnit.Count), (" incontri", TargetUnit.Count),
    ];

    private static readonly string[] Spaces = ["", " ", "  ", "\u00A0", " \u00A0"];

    [Fact]
    public void Well_formed_comparisons_round_trip()
    {
        var random = new Random(42);
        for (var i = 0; i < Cases / 4; i++)
        {
            var (opText, op) = Operators[random.Next(Operators.Length)];
            var (unitText, unit) = Units[random.Next(Units.Length)];
            var value = RandomValue(random);
            // Words need a space before the number; symbols may be glued to it.
            var gap = char.IsLetter(opText[^1]) ? " " + Spaces[random.Next(Spaces.Length)] : Spaces[random.Next(Spaces.Length)];
            var text = opText + gap + Format(value, random) + unitText;
            if (random.Next(5) == 0) text = text.ToUpperInvariant();
            if (random.Next(5) == 0) text = "  " + text + ". ";

            var t = TargetParser.Parse(text);

            Assert.True(t.Kind == TargetKind.Numeric, text);
            Assert.True(op == t.Operator, $"{text}: {t.Operator}");
            Assert.True(value == t.Value, $"{text}: {t.Value} instead of {value}");
            Assert.True(unit == t.Unit, $"{text}: {t.Unit}");
            Assert.True(unitText.Trim().Length == 0 ? t.UnitLabel is null : string.Equals(unitText.Trim(), t.UnitLabel, StringComparison.OrdinalIgnoreCase),
                $"{text}: label {t.UnitLabel}");
        }
    }

    [Fact]
    public void Well_formed_ranges_round_trip()
    {
        var random = new Random(43);
        string[][] shapes = [["tra ", " e "], ["fra ", " e "], ["da ", " a "], ["", "-"], ["", " - "], ["compreso tra ", " e "]];
        for (var i = 0; i < Cases / 10; i++)
        {
            var a = Math.Abs(RandomValue(random));
            var b = Math.Abs(RandomValue(random));
            var (lower, upper) = a <= b ? (a, b) : (b, a);
            var (unitText, unit) = Units[random.Next(Units.Length)];
            var shape = shapes[random.Next(shapes.Length)];
            var text = shape[0] + Format(lower, random) + shape[1] + Format(upper, random) + unitText;

            var t = TargetParser.Parse(text);

            Assert.True(t.Kind == TargetKind.Range, text);
            Assert.True(lower == t.Lower && upper == t.Upper, $"{text}: {t.Lower}..{t.Upper}");
            Assert.True(unit == t.Unit, $"{text}: {t.Unit}");
        }
    }

    [Fact]
    public void Well_formed_deadlines_round_trip()
    {
        var random = new Random(44);
        string[] months = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];
        for (var i = 0; i < Cases / 10; i++)
        {
            var date = new DateOnly(2000, 1, 1).AddDays(random.Next(0, 365 * 60));
            var text = random.Next(4) switch
            {
                0 => $"entro il {date.Day:00}/{date.Month:00}/{date.Year}",
                1 => $"entro {date.Day}.{date.Month}.{date.Year}",
                2 => $"Entro il {date.Day} {months[date.Month - 1]} {date.Year}",
                _ => $"entro {date.Day} {months[date.Month - 1]}",
            };

            var t = TargetParser.Parse(text, null, date.Year);

            Assert.True(t.Kind == TargetKind.Deadline && t.DueDate == date, $"{text}: {t.DueDate}");
        }
    }

    [Fact]
    public void Well_formed_relative_targets_round_trip()
    {
        var random = new Random(45);
        (string Template, ChangeDirection Direction, ChangeUnit Unit)[] changes =
        [
            ("Incremento del {0}%", ChangeDirection.Increase, ChangeUnit.Percent), ("Aumento del {0}%", ChangeDirection.Increase, ChangeUnit.Percent),
            ("Riduzione del {0}%", ChangeDirection.Decrease, ChangeUnit.Percent), ("+{0}%", ChangeDirection.Increase, ChangeUnit.Percent),
            ("-{0}%", ChangeDirection.Decrease, ChangeUnit.Percent), ("Ulteriori {0} pratiche", ChangeDirection.Increase, ChangeUnit.Absolute),
            ("Incremento di {0} punti percentuali", ChangeDirection.Increase, ChangeUnit.Absolute),
            ("Riduzione di {0} giorni", ChangeDirection.Decrease, ChangeUnit.Absolute),
        ];
        string[] descriptions = ["", " dei tempi medi", " del numero di accessi", ","];
        for (var i = 0; i < Cases / 10; i++)
        {
            var (template, direction, unit) = changes[random.Next(changes.Length)];
            var amount = Math.Abs(RandomValue(random));
            if (direction == ChangeDirection.Decrease && unit == ChangeUnit.Percent) amount = Math.Min(amount, 100m);
            var year = random.Next(2000, 2031);
            var (referenceText, reference) = random.Next(5) switch
            {
                0 => ($" rispetto al {year}", new TargetReference(year, false)),
                1 => (" rispetto alla baseline", new TargetReference(null, true)),
                2 => ($" rispetto alla baseline {year}", new TargetReference(year, true)),
                3 => (" rispetto all'anno precedente", new TargetReference(2024, false)),
                _ => ($" rispetto al valore {year}", new TargetReference(year, false)),
            };
            var text = string.Format(CultureInfo.InvariantCulture, template, Format(amount, random))
                + descriptions[random.Next(descriptions.Length)] + referenceText;

            var t = TargetParser.Parse(text, null, 2025);

            Assert.True(t.Kind == TargetKind.Relative, $"{text}: {t.Kind}");
            Assert.True(new TargetChange(amount, unit, direction) == t.Change, $"{text}: {t.Change}");
            Assert.True(reference == t.Reference, $"{text}: {t.Reference}");
        }
    }

    /// <summary>Parses; returns the kind on success and null on a TargetParseException; fails the test on anything else.</summary>
    private static TargetKind? AssertOnlyParseErrors(string text, Polarity? polarity, int? year)
    {
        try
        {
            var t = TargetParser.ParseCore(text, polarity, year);
            // A successful parse must be internally consistent.
            switch (t.Kind)
            {
                case TargetKind.Numeric:
                    Assert.True(t.Value is not null && t.Operator is not (TargetOperator.Between or TargetOperator.Done), text);
                    break;
                case TargetKind.Range:
                    Assert.True(t.Lower is not null && t.Upper is not null && t.Lower <= t.Upper, text);
                    break;
                case TargetKind.Deadline:
                    Assert.True(t.DueDate is not null, text);
                    break;
                case TargetKind.Milestone:
                    Assert.True(t.Operator == TargetOperator.Done && t.Value is null, text);
                    break;
                case TargetKind.NoTarget:
                    Assert.True(t.Operator == TargetOperator.None && t.Value is null && t.DueDate is null, text);
                    break;
                case TargetKind.Relative:
                    Assert.True(t.Change is not null && t.Reference is not null && t.Value is null, text);
                    Assert.True(t.Reference!.Baseline || t.Reference.Year is not null, text);
                    Assert.True(t.Operator is not (TargetOperator.Between or TargetOperator.Done or TargetOperator.None), text);
                    break;
                case TargetKind.Schedule:
                    Assert.True(t.ByYear is { Count: > 0 } && t.Operator == TargetOperator.None, text);
                    Assert.All(t.ByYear!.Values, y => Assert.NotEqual(TargetKind.Schedule, y.Kind));
                    break;
            }
            Assert.Equal(t.Kind == TargetKind.Schedule, t.ByYear is not null);
            Assert.False(string.IsNullOrWhiteSpace(t.Text));
            return t.Kind;
        }
        catch (TargetParseException ex)
        {
            Assert.InRange(ex.Position, 0, text.Length);
            Assert.False(string.IsNullOrEmpty(ex.Expected));
            return null;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name} for {Escape(text)} (polarity {polarity}, year {year}): {ex.Message}");
            return null;
        }
    }

    // Well-formed targets to mutate: near-misses reach deeper into the grammar than random token soup.
    private static readonly string[] Seeds =
    [
        ">=80%", "> =50", "≤ 10 giorni lavorativi", "non oltre 30 giorni", "almeno 2 bandi", "Almeno il 30% delle imprese",
        "tra 80% e 90%", "80-90%", "da 3 a 5 giorni", "entro il 30/06/2024", "entro 30 giugno", "entro fine anno", "10,00",
        "1.234,56 €", "(costi anno corrente/costi anno 2011)*100 <= 100%", "Referti OIV", "pari a 12", "almeno una iniziativa",
        ">= 1,5 milioni di euro", "compreso tra 1 e 2", "<= 100 ore/anno", "n. 3 incontri",
        "n.d.", "non previsto per il 2025", "gg. …", "+8% rispetto al 2023", "Incremento del 15% rispetto alla baseline",
        "Riduzione del 10% dei tempi rispetto al 2022", "Ulteriori 300 imprese rispetto alla baseline", "mantenimento del livello 2024",
        "non inferiore al valore 2023", "Anno 2025: >= 80% Anno 2026: >= 85% Anno 2027: >= 90%", "2025: 80%; 2026: 85%",
        "100% entro il 30/06", "Numero di giorni: 20-30", "tra p. 12 e p. 14", "da concludere entro il 30 settembre 2025",
        "Partecipazione di almeno 136.000 dipendenti", "Incremento rispetto all'anno precedente", "<= 53 ‰",
    ];

    private static string Mutate(Random random, string seed)
    {
        var sb = new StringBuilder(seed);
        for (var m = random.Next(0, 4); m > 0; m--)
        {
            var at = random.Next(0, sb.Length + 1);
            var token = Tokens[random.Next(Tokens.Length)];
            switch (random.Next(3))
            {
                case 0: sb.Insert(at, token); break;
                case 1 when at < sb.Length: sb.Remove(at, Math.Min(random.Next(1, 4), sb.Length - at)); break;
                default: if (at < sb.Length) sb[at] = token.Length > 0 ? token[0] : ' '; break;
            }
        }
        return sb.ToString();
    }

    private static string RandomText(Random random, int i)
    {
        if (i % 3 == 0) return Mutate(random, Seeds[random.Next(Seeds.Length)]);
        var sb = new StringBuilder();
        var count = random.Next(0, 12);
        for (var k = 0; k < count; k++)
        {
            sb.Append(Tokens[random.Next(Tokens.Length)]);
            if (random.Next(3) == 0) sb.Append(' ');
        }
        // Every so often, a huge digit run or a very long string.
        if (i % 97 == 0) sb.Append(new string((char)('0' + random.Next(10)), random.Next(30, 400)));
        if (i % 499 == 0) sb.Insert(0, string.Concat(Enumerable.Repeat(Tokens[random.Next(Tokens.Length)], 2000)));
        return sb.ToString();
    }

    private static decimal RandomValue(Random random)
    {
        var scale = random.Next(0, 3);
        var magnitude = random.Next(0, 4) switch { 0 => 10, 1 => 1_000, 2 => 1_000_000, _ => 1_000_000_000 };
        var value = (decimal)random.NextInt64(0, magnitude) / (scale == 0 ? 1 : scale == 1 ? 10 : 100);
        return random.Next(10) == 0 ? -value : value;
    }

    /// <summary>Writes a value in Italian (grouped or not) or plain format, avoiding the forms the grammar reads otherwise.</summary>
    private static string Format(decimal value, Random random)
    {
        var abs = Math.Abs(value);
        var sign = value < 0 ? "-" : "";
        var hasFraction = abs != decimal.Truncate(abs);
        var style = random.Next(3);
        string s = style switch
        {
            0 => abs.ToString(hasFraction ? "#,0.##" : "#,0", CultureInfo.InvariantCulture).Replace(",", "_").Replace(".", ",").Replace("_", "."),
            1 => abs.ToString(hasFraction ? "0.##" : "0", CultureInfo.InvariantCulture).Replace(".", ","),
            // Plain format: a '.' with exactly three decimals would read as thousands, and "#.##" never produces three.
            _ => abs.ToString(hasFraction ? "0.##" : "0", CultureInfo.InvariantCulture),
        };
        return sign + s;
    }

    private static string Escape(string s) =>
        s.Length > 200 ? Escape(s[..200]) + "…" : string.Concat(s.Select(ch => ch < ' ' || ch > '~' ? $"\\u{(int)ch:X4}" : ch.ToString()));
}
