using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Domain.Audit;

/// <summary>
/// The rows whose stored content verify compares with the audit trail: consuntivi, targets, the weights (with the
/// other fields that move a score) of nodes and indicators, and the reprogramming acts through which an adopted plan's
/// targets, weights and structures change. A change to such rows records, in its audit entry, one line
/// per row with a digest of the row's content (<see cref="AuditEntry.Rows"/>); replaying the lines gives what every row
/// should hold, and a row edited, added or deleted behind the service's back no longer matches.
/// </summary>
/// <remarks>
/// Lines: <c>@ plan</c> (the plan of the rows that follow), <c>K id digest</c> (K = A actual, T target, N node,
/// I indicator, R reprogramming, S structure target; digest <c>-</c> = removed), <c>x plan</c> (the plan and every row of it removed).
/// </remarks>
public static class AuditedRows
{
    public const char Actual = 'A', Target = 'T', Node = 'N', Indicator = 'I', Reprogramming = 'R', StructureTarget = 'S';
    public const string Removed = "-";

    public static bool IsAudited(object row) => row is Plans.Actual or IndicatorTarget or Plans.StructureTarget or Plans.Node or Plans.Indicator or Plans.Reprogramming;

    public static (char Kind, Guid Id) KeyOf(object row) => row switch
    {
        Plans.Actual a => (Actual, a.Id),
        IndicatorTarget t => (Target, t.Id),
        Plans.StructureTarget t => (StructureTarget, t.Id),
        Plans.Node n => (Node, n.Id),
        Plans.Indicator i => (Indicator, i.Id),
        Plans.Reprogramming r => (Reprogramming, r.Id),
        _ => throw new ArgumentException($"{row.GetType().Name} rows are not audited.", nameof(row)),
    };

    public static string Digest(object row) => row switch
    {
        Plans.Actual a => Digest(Actual, a.Id, a.IndicatorId, a.StructureId, a.ScopeId, a.Year, a.Period, a.Revision, a.Value, a.Numerator,
            a.Denominator, a.Done, a.Completion, a.CompletedOn, a.Note, a.Justification, a.Status, a.CorrectionReason, a.ReturnReason,
            a.ReviewedBy, a.ReviewedAt, a.RecordedAt, a.ReportedOn, a.RecordedBy, a.RecordedAs, a.SubmittedBy),
        IndicatorTarget t => Digest(Target, t.Id, t.IndicatorId, t.Year, t.Text),
        Plans.StructureTarget t => Digest(StructureTarget, t.Id, t.IndicatorId, t.StructureId, t.Year, t.Text),
        Plans.Node n => Digest(Node, n.Id, n.PlanId, n.ParentId, n.Code, n.Kind, n.Weight, n.StructureId),
        Plans.Indicator i => Digest(Indicator, i.Id, i.PlanId, i.NodeId, i.Code, i.Weight, i.Polarity, i.Aggregation, i.Frequency, i.Cap,
            i.BaselineYear, i.BaselineValue),
        // Every field of the act: what it changes, to what, from when, by which act and why, and its order among same-day acts.
        // The structure of a structure's target comes last and only when set: acts recorded before it existed keep their digest.
        Plans.Reprogramming { StructureId: null } r => Digest(Reprogramming, r.Id, r.PlanId, r.Kind, r.NodeId, r.ToStructureId, r.IntoNodeId, r.IndicatorId, r.Year,
            r.Target, r.Weight, r.Act, r.EffectiveDate, r.Reason, r.RecordedAt, r.SortOrder),
        Plans.Reprogramming r => Digest(Reprogramming, r.Id, r.PlanId, r.Kind, r.NodeId, r.ToStructureId, r.IntoNodeId, r.IndicatorId, r.Year,
            r.Target, r.Weight, r.Act, r.EffectiveDate, r.Reason, r.RecordedAt, r.SortOrder, r.StructureId),
        _ => throw new ArgumentException($"{row.GetType().Name} rows are not audited.", nameof(row)),
    };

    /// <summary>
    /// The digests of many rows, in their order: on every core when there are enough of them to pay for it (an imported
    /// INPS-scale plan records about 125,000 rows, a bulk load up to 200,000), each digest being independent of the others.
    /// </summary>
    public static string[] Digests(IReadOnlyList<object> rows)
    {
        var digests = new string[rows.Count];
        if (rows.Count < ParallelFrom)
            for (var i = 0; i < rows.Count; i++) digests[i] = Digest(rows[i]);
        else
            Parallel.For(0, rows.Count, i => digests[i] = Digest(rows[i]));
        return digests;
    }

    private const int ParallelFrom = 5_000;

    /// <summary>Writes the lines of one entry.</summary>
    public sealed class Writer
    {
        private readonly StringBuilder _text = new();
        private Guid? _plan;

        public bool IsEmpty => _text.Length == 0;

        public Writer Row(Guid? plan, object row, bool removed = false) => Row(plan, row, removed ? Removed : Digest(row));

        /// <summary>A row whose digest was computed beforehand (<see cref="Digests"/>), or <see cref="Removed"/>.</summary>
        public Writer Row(Guid? plan, object row, string digest)
        {
            if (plan is { } p && p != _plan) _text.Append("@ ").Append(p.ToString("N")).Append('\n');
            _plan = plan ?? _plan;
            var (kind, id) = KeyOf(row);
            _text.Append(kind).Append(' ').Append(id.ToString("N")).Append(' ').Append(digest).Append('\n');
            return this;
        }

        public Writer PlanRemoved(Guid plan)
        {
            _text.Append("x ").Append(plan.ToString("N")).Append('\n');
            return this;
        }

        public override string ToString() => _text.ToString();
    }

    /// <summary>A line read back: a row (Digest null when removed), or a whole plan removed (Kind 'x').</summary>
    public readonly record struct Line(char Kind, Guid Id, Guid? Plan, string? Digest);

    // Verification shows this message to the auditor (AuditState.Replay).
    private static FormatException NotALine(string line) =>
        new(Say.It($"'{line}' non è una riga dell'elenco delle righe registrate.", $"Not an audited-row line: '{line}'."));

    public static IEnumerable<Line> Read(string? rows)
    {
        if (string.IsNullOrEmpty(rows)) yield break;
        Guid? plan = null;
        foreach (var line in rows.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length < 2 || parts[0].Length != 1 || !Guid.TryParseExact(parts[1], "N", out var id))
                throw NotALine(line);
            switch (parts[0][0])
            {
                case '@': plan = id; break;
                case 'x': yield return new Line('x', id, id, null); break;
                default:
                    if (parts.Length != 3) throw NotALine(line);
                    yield return new Line(parts[0][0], id, plan, parts[2] == Removed ? null : parts[2]);
                    break;
            }
        }
    }

    // Length-prefixed invariant texts. Decimals without trailing zeros and instants to the microsecond: what every engine
    // gives back (SQLite keeps "83.5" for 83.50, PostgreSQL keeps microseconds).
    private static string Digest(char kind, params object?[] fields)
    {
        var text = new StringBuilder().Append(kind);
        foreach (var field in fields)
        {
            var value = Text(field);
            text.Append('|').Append(value?.Length.ToString(CultureInfo.InvariantCulture) ?? "-").Append(':').Append(value);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    internal static string? Text(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        DateTime t => new DateTime(t.Ticks - t.Ticks % 10).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Guid g => g.ToString("N"),
        bool b => b ? "1" : "0",
        Enum e => e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
