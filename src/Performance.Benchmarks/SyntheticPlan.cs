using System.Globalization;
using Performance.Api.Features.Actuals;
using Performance.Domain.Periods;
using Performance.Domain.Scoring;
using Performance.Domain.Targets;
using Performance.Api.PlanModel;

namespace Performance.Benchmarks;

/// <summary>Size of the synthetic plan. <see cref="Inps"/> is the scale the scoring issue asks for.</summary>
public sealed record PlanScale(int CentralStructures, int RegionalStructures, int ProvincialStructures, int OperationalObjectivesPerStructure,
    int Indicators, int MonthsPerIndicator)
{
    /// <summary>140 structures (30 central directions, 20 regional, 90 provincial), 30,000 indicators, 12 monthly actuals each.</summary>
    public static PlanScale Inps { get; } = new(30, 20, 90, 15, 30_000, 12);

    public int Structures => CentralStructures + RegionalStructures + ProvincialStructures;
}

/// <summary>
/// The one synthetic-plan generator of both benchmark modes: a deterministic (seeded) INPS-sized plan as the service's own
/// import document (<see cref="PlanDocument"/>) plus its consuntivi as bulk rows (<see cref="ActualEntry"/>), and the same
/// data turned into the pure engine's input exactly as <c>PlanScoring</c> builds it from the database.
/// </summary>
/// <remarks>
/// Tree: Mission → 6 strategic areas → 4 strategic objectives each → 15 operational objectives per structure (2,100),
/// each owned by its structure; indicators are spread round-robin over the operational objectives. Targets (one per plan
/// year, 2024-2026) are of seven forms, each with the aggregation and the kind of monthly consuntivo that suits it:
/// <c>&gt;= 80%</c> (RatioOfSums of numerator/denominator), <c>&lt;= 5gg</c> (Average), <c>almeno 1.200 pratiche</c> (Sum),
/// <c>&gt; 95%</c> (Last), <c>tra 90% e 110%</c> (Average), <c>entro 30 giorni</c> (Average) and the deadline milestone
/// <c>entro il 30/06/2024</c> (Last of completion / done). All actuals are for <see cref="ScoredYear"/>, indicator-wide.
/// </remarks>
public sealed class SyntheticPlan
{
    public const string OrganizationCode = "INPS-BENCH";
    public const string PlanCode = "PIANO-BENCH-2024-2026";
    public const int StartYear = 2024, EndYear = 2026, ScoredYear = 2024;

    public required PlanScale Scale { get; init; }
    public required PlanDocument Document { get; init; }
    public required List<ActualEntry> Actuals { get; init; }
    public int IndicatorCount { get; init; }
    public int NodeCount { get; init; }

    private enum Form { RatePercent, DaysAtMost, CountSum, PercentLast, PercentRange, DaysEntro, Deadline }

    private static readonly Form[] Mix = BuildMix();

    /// <summary>Shares out of 20: 5 rate, 4 days, 4 counts, 2 last %, 2 ranges, 2 "entro N giorni", 1 deadline.</summary>
    private static Form[] BuildMix() =>
    [
        .. Enumerable.Repeat(Form.RatePercent, 5), .. Enumerable.Repeat(Form.DaysAtMost, 4), .. Enumerable.Repeat(Form.CountSum, 4),
        .. Enumerable.Repeat(Form.PercentLast, 2), .. Enumerable.Repeat(Form.PercentRange, 2), .. Enumerable.Repeat(Form.DaysEntro, 2),
        Form.Deadline,
    ];

    public static SyntheticPlan Generate(PlanScale? scale = null, int seed = 20240101)
    {
        scale ??= PlanScale.Inps;
        var random = new Random(seed);
        var structures = Structures(scale, random);

        // Mission → areas → strategic objectives; operational objectives are attached below once they have indicators.
        var strategic = new List<(string Code, List<NodeDocument> Children)>();
        var areas = new List<NodeDocument>();
        for (var a = 1; a <= 6; a++)
        {
            var objectives = new List<NodeDocument>();
            for (var o = 1; o <= 4; o++)
            {
                var code = $"A{a}.O{o}";
                var children = new List<NodeDocument>();
                strategic.Add((code, children));
                objectives.Add(Node(code, "StrategicObjective", $"Obiettivo strategico {a}.{o}", 1 + random.Next(3), null, [], children));
            }
            areas.Add(Node($"A{a}", "StrategicArea", $"Area strategica {a}", 1, null, [], objectives));
        }

        var operational = new List<(string Code, string Structure, List<IndicatorDocument> Indicators)>();
        foreach (var structure in structures)
            for (var k = 1; k <= scale.OperationalObjectivesPerStructure; k++)
                operational.Add(($"{structure.Code!}.OO{k:00}", structure.Code!, []));

        var actuals = new List<ActualEntry>(scale.Indicators * scale.MonthsPerIndicator);
        for (var i = 0; i < scale.Indicators; i++)
        {
            var (ooCode, _, indicators) = operational[i % operational.Count];
            var code = $"{ooCode}.I{indicators.Count + 1:00}";
            var form = Mix[random.Next(Mix.Length)];
            indicators.Add(Indicator(code, form, random));
            AddActuals(actuals, code, form, scale.MonthsPerIndicator, random);
        }

        for (var k = 0; k < operational.Count; k++)
        {
            var (code, structure, indicators) = operational[k];
            strategic[k % strategic.Count].Children.Add(
                Node(code, "OperationalObjective", $"Obiettivo operativo {code}", 1 + random.Next(3), structure, indicators, []));
        }

        var mission = Node("M1", "Mission", "Missione INPS (sintetica)", 1, null, [], areas);
        var document = new PlanDocument(
            new OrganizationDocument(OrganizationCode, "Istituto Nazionale della Previdenza Sociale (benchmark)"),
            PlanCode, "Piano integrato sintetico 2024-2026 (scala INPS)", null, StartYear, EndYear, null,
            new ScoringPolicyDocument(100, "Reflected", "Exclude", null, []),
            [], structures, [mission], []);
        return new SyntheticPlan
        {
            Scale = scale, Document = document, Actuals = actuals, IndicatorCount = scale.Indicators,
            NodeCount = 1 + areas.Count + strategic.Count + operational.Count,
        };
    }

    private static List<StructureDocument> Structures(PlanScale scale, Random random)
    {
        string[] regions =
        [
            "Piemonte", "Valle d'Aosta", "Lombardia", "Trentino-Alto Adige", "Veneto", "Friuli-Venezia Giulia", "Liguria",
            "Emilia-Romagna", "Toscana", "Umbria", "Marche", "Lazio", "Abruzzo", "Molise", "Campania", "Puglia", "Basilicata",
            "Calabria", "Sicilia", "Sardegna",
        ];
        Dictionary<string, decimal> Volumes(int from, int to) =>
            Enumerable.Range(StartYear, EndYear - StartYear + 1).ToDictionary(y => y.ToString(CultureInfo.InvariantCulture), _ => (decimal)random.Next(from, to));

        var list = new List<StructureDocument>();
        for (var c = 1; c <= scale.CentralStructures; c++)
            list.Add(new($"DC{c:00}", $"Direzione centrale {c}", "Central", "DC", null, null, Volumes(10_000, 200_000)));
        for (var r = 1; r <= scale.RegionalStructures; r++)
            list.Add(new($"DR{r:00}", $"Direzione regionale {regions[(r - 1) % regions.Length]}", "Territorial", "DR",
                regions[(r - 1) % regions.Length], null, Volumes(100_000, 1_000_000)));
        for (var p = 1; p <= scale.ProvincialStructures; p++)
        {
            var r = (p - 1) % scale.RegionalStructures + 1;
            list.Add(new($"DP{p:000}", $"Direzione provinciale {p}", "Territorial", "DP", regions[(r - 1) % regions.Length], $"DR{r:00}",
                Volumes(20_000, 300_000)));
        }
        return list;
    }

    private static NodeDocument Node(string code, string kind, string title, decimal weight, string? structure,
        List<IndicatorDocument> indicators, List<NodeDocument> children) =>
        new(code, kind, title, weight, structure, null, null, null, indicators, children);

    private static IndicatorDocument Indicator(string code, Form form, Random random)
    {
        var targets = new Dictionary<string, string>();
        for (var year = StartYear; year <= EndYear; year++)
            targets[year.ToString(CultureInfo.InvariantCulture)] = TargetText(form, year, random);
        var (unit, polarity, aggregation, name) = form switch
        {
            Form.RatePercent => ("Percent", "HigherIsBetter", "RatioOfSums", "Percentuale di pratiche definite nei termini"),
            Form.DaysAtMost => ("Days", "LowerIsBetter", "Average", "Tempo medio di definizione"),
            Form.CountSum => ("Count", "HigherIsBetter", "Sum", "Pratiche lavorate"),
            Form.PercentLast => ("Percent", "HigherIsBetter", "Last", "Indice di qualità a fine periodo"),
            Form.PercentRange => ("Percent", "HigherIsBetter", "Average", "Rapporto produzione/programmato"),
            Form.DaysEntro => ("Days", "LowerIsBetter", "Average", "Giacenza media"),
            _ => ((string?)null, "Milestone", "Last", "Realizzazione del progetto"),
        };
        return new IndicatorDocument(code, name, "Operativo", unit, polarity, 1 + random.Next(3), targets, null, null, "procedura",
            "Monthly", aggregation, null);
    }

    private static string TargetText(Form form, int year, Random random) => form switch
    {
        Form.RatePercent => $">= {75 + random.Next(4) * 5}%",
        Form.DaysAtMost => $"<= {3 + random.Next(5)}gg",
        Form.CountSum => $"almeno {Italian(12 * (80 + random.Next(31)))} pratiche",
        Form.PercentLast => $"> {90 + random.Next(6)}%",
        Form.PercentRange => "tra 90% e 110%",
        Form.DaysEntro => $"entro {20 + random.Next(3) * 5} giorni",
        _ => $"entro il {(random.Next(2) == 0 ? "30/06" : "31/12")}/{year}",
    };

    /// <summary>1.200 as an Italian plan writes it.</summary>
    private static string Italian(int n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    private static void AddActuals(List<ActualEntry> actuals, string code, Form form, int months, Random random)
    {
        decimal Around(double low, double high, int decimals) => Math.Round((decimal)(low + random.NextDouble() * (high - low)), decimals);
        var completion = 0m;
        for (var m = 1; m <= months; m++)
        {
            var period = $"M{m:00}";
            ActualEntry entry;
            switch (form)
            {
                case Form.RatePercent:
                    var denominator = (decimal)random.Next(100, 1000);
                    entry = new(ScoredYear, period, Numerator: Math.Round(denominator * Around(0.70, 0.97, 3)), Denominator: denominator);
                    break;
                case Form.DaysAtMost: entry = new(ScoredYear, period, Value: Around(2, 8, 1)); break;
                case Form.CountSum: entry = new(ScoredYear, period, Value: random.Next(60, 140)); break;
                case Form.PercentLast: entry = new(ScoredYear, period, Value: Around(85, 100, 2)); break;
                case Form.PercentRange: entry = new(ScoredYear, period, Value: Around(85, 115, 2)); break;
                case Form.DaysEntro: entry = new(ScoredYear, period, Value: Around(15, 40, 1)); break;
                default:
                    completion = Math.Min(100, completion + random.Next(5, 20));
                    var done = completion >= 100;
                    entry = new(ScoredYear, period, Done: done, Completion: completion,
                        CompletedOn: done ? new DateOnly(ScoredYear, m, 15) : null);
                    break;
            }
            actuals.Add(entry with { Indicator = code });
        }
    }

    /// <summary>Bulk request bodies of at most <paramref name="rowsPerBatch"/> rows, in generation order.</summary>
    public IEnumerable<BulkActualsBody> Batches(int rowsPerBatch)
    {
        for (var start = 0; start < Actuals.Count; start += rowsPerBatch)
            yield return new BulkActualsBody(Actuals.GetRange(start, Math.Min(rowsPerBatch, Actuals.Count - start))!);
    }

    /// <summary>
    /// The engine's input for <see cref="ScoredYear"/>, built the way <c>PlanScoring.Builder</c> builds it from stored rows:
    /// target of the year parsed with the indicator's polarity, polarity = indicator's ?? target operator's ?? higher is
    /// better, one <see cref="PeriodActual"/> per period (revision 1), root = the plan with its top nodes.
    /// </summary>
    public ScoringNode ToScoringTree()
    {
        var byIndicator = Actuals.GroupBy(a => a.Indicator!).ToDictionary(g => g.Key, g => g.ToList());
        var recordedAt = new DateTime(ScoredYear, 12, 31, 12, 0, 0, DateTimeKind.Utc);

        ScoringNode Build(NodeDocument n) => new(n.Code!, n.Weight ?? 1,
            (n.Indicators ?? []).Select(Indicator).ToList(), (n.Children ?? []).Select(Build).ToList());

        ScoringIndicator Indicator(IndicatorDocument d)
        {
            var polarity = d.Polarity is null ? (Polarity?)null : Enum.Parse<Polarity>(d.Polarity);
            var text = d.Targets?.GetValueOrDefault(ScoredYear.ToString(CultureInfo.InvariantCulture));
            if (text is null || !TargetParser.TryParse(text, polarity, ScoredYear, out var target, out _))
                return new ScoringIndicator(d.Code!, d.Weight ?? 1, null, $"No target for {ScoredYear}.");
            var rows = byIndicator.GetValueOrDefault(d.Code!) ?? [];
            var periodActuals = rows.Select(a => new PeriodActual(Period.Parse(a.Period!), a.Value, a.Numerator, a.Denominator, a.Done,
                a.Completion, 1, recordedAt, a.CompletedOn)).ToList();
            var input = new IndicatorInput(d.Code!, target, polarity ?? TargetPolarity.From(target) ?? Polarity.HigherIsBetter,
                Enum.Parse<Aggregation>(d.Aggregation ?? "Last"), periodActuals, d.Cap, null, ScoredYear);
            return new ScoringIndicator(d.Code!, d.Weight ?? 1, input);
        }

        return new ScoringNode(Document.Code!, 1, [], Document.Nodes!.Select(Build).ToList());
    }

    /// <summary>The plan's scoring policy as the service reads it from the stored document.</summary>
    public ScoringPolicy Policy => PlanPolicies.ToDomain(Document.ScoringPolicy!);
}
