using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Audit;
using Performance.Domain.Language;
using Performance.Domain.Plans;

namespace Performance.Api.Features.Audit;

/// <summary>A stored row that is not what the audit trail says it should be.</summary>
public sealed record RowFinding(string Table, Guid Id, Guid? PlanId, string? Item, string Problem, long? Sequence);

/// <summary>
/// What the trail says every audited row (consuntivi, targets, structure targets, nodes, indicators, reprogramming acts: <see cref="AuditedRows"/>) should hold,
/// replayed entry by entry, compared with the rows as they are: a row changed, added or deleted behind the service's
/// back is named with the entry that last recorded it.
/// </summary>
public sealed class AuditState
{
    private readonly record struct Expectation(string Digest, long Sequence, Guid? Plan);

    private readonly Dictionary<(char Kind, Guid Id), Expectation> _rows = new();

    /// <summary>The organization of every plan the trail mentions (a plan deleted behind the service's back still has one).</summary>
    public Dictionary<Guid, string> PlanOrganizations { get; } = new();

    /// <summary>Null, or why the entry's record of rows could not be read (then it is skipped).</summary>
    public string? Replay(AuditEntry entry)
    {
        if (entry is { PlanId: { } plan, Organization: { } organization }) PlanOrganizations[plan] = organization;
        List<AuditedRows.Line> lines;
        try { lines = AuditedRows.Read(entry.Rows).ToList(); }
        catch (FormatException e) { return Say.It($"il suo elenco delle righe registrate è illeggibile ({e.Message})", $"its record of rows is unreadable ({e.Message})"); }
        foreach (var line in lines)
        {
            if (line.Kind == 'x')
                foreach (var key in _rows.Where(r => r.Value.Plan == line.Id).Select(r => r.Key).ToList()) _rows.Remove(key);
            else if (line.Digest is null) _rows.Remove((line.Kind, line.Id));
            else _rows[(line.Kind, line.Id)] = new Expectation(line.Digest, entry.Sequence, line.Plan);
        }
        return null;
    }

    /// <summary>Reads every audited row and compares it with the trail.</summary>
    /// <returns>Rows read per plan (Guid.Empty: a row of no indicator), and the rows that do not match.</returns>
    public async Task<(Dictionary<Guid, int> Checked, List<RowFinding> Findings)> CompareAsync(PerformanceDbContext db, CancellationToken ct)
    {
        var findings = new List<RowFinding>();
        var seen = new Dictionary<Guid, int>();
        void Check(string table, object row, Guid? plan, string item)
        {
            seen[plan ?? Guid.Empty] = seen.GetValueOrDefault(plan ?? Guid.Empty) + 1;
            var key = AuditedRows.KeyOf(row);
            if (!_rows.Remove(key, out var expected))
                findings.Add(new RowFinding(table, key.Id, plan, item, Say.It("assente dal registro di audit: scritta all'insaputa del servizio (nessuna voce del registro l'ha registrata)",
                    "not in the audit trail: written behind the service's back (no audit entry recorded it)"), null));
            else if (expected.Digest != AuditedRows.Digest(row))
                findings.Add(new RowFinding(table, key.Id, plan, item,
                    Say.It($"modificata all'insaputa del servizio: non contiene più ciò che ha registrato la voce {expected.Sequence} del registro di audit",
                        $"changed behind the service's back: it no longer holds what audit entry {expected.Sequence} recorded"), expected.Sequence));
        }

        var indicators = await db.Indicators.AsNoTracking().ToListAsync(ct);
        var indicatorById = indicators.ToDictionary(i => i.Id);
        foreach (var indicator in indicators) Check("Indicators", indicator, indicator.PlanId, indicator.Code);
        await foreach (var node in db.Nodes.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct)) Check("Nodes", node, node.PlanId, node.Code);
        await foreach (var target in db.IndicatorTargets.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var owner = indicatorById.GetValueOrDefault(target.IndicatorId);
            Check("IndicatorTargets", target, owner?.PlanId, $"{owner?.Code} target {target.Year}");
        }
        var structureCodes = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        await foreach (var target in db.StructureTargets.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var owner = indicatorById.GetValueOrDefault(target.IndicatorId);
            Check("StructureTargets", target, owner?.PlanId, Say.It($"{owner?.Code} target {target.Year} di {structureCodes.GetValueOrDefault(target.StructureId)}",
                $"{owner?.Code} target {target.Year} of {structureCodes.GetValueOrDefault(target.StructureId)}"));
        }
        await foreach (var act in db.Reprogrammings.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            Check("Reprogrammings", act, act.PlanId, $"{act.Kind} {act.Act} {act.EffectiveDate:yyyy-MM-dd}");
        await foreach (var actual in db.Actuals.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var owner = indicatorById.GetValueOrDefault(actual.IndicatorId);
            Check("Actuals", actual, owner?.PlanId, $"{owner?.Code} {actual.Year} {actual.Period} r{actual.Revision}");
        }

        foreach (var ((kind, id), expected) in _rows)
            findings.Add(new RowFinding(TableOf(kind), id, expected.Plan, null,
                Say.It($"cancellata all'insaputa del servizio: la voce {expected.Sequence} del registro di audit l'ha registrata e nessuna voce successiva l'ha rimossa",
                    $"deleted behind the service's back: audit entry {expected.Sequence} recorded it and no later entry removed it"), expected.Sequence));
        return (seen, findings);
    }

    private static string TableOf(char kind) => kind switch
    {
        AuditedRows.Actual => "Actuals",
        AuditedRows.Target => "IndicatorTargets",
        AuditedRows.Node => "Nodes",
        AuditedRows.Indicator => "Indicators",
        AuditedRows.Reprogramming => "Reprogrammings",
        AuditedRows.StructureTarget => "StructureTargets",
        _ => kind.ToString(),
    };
}
