using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Periods;

namespace Performance.Api.Features.Reports;

/// <summary>The justification and note of each indicator's latest consuntivo of a year: they live in the actuals table, not in scores.</summary>
public static class ActualNotes
{
    public sealed record Notes(string? Justification, string? Note);

    public static async Task<Dictionary<string, Notes>> ForYearAsync(PerformanceDbContext db, Guid planId, int year, CancellationToken ct)
    {
        var rows = await db.Actuals.AsNoTracking()
            .Where(a => a.Year == year && a.StructureId == null && db.Indicators.Any(i => i.Id == a.IndicatorId && i.PlanId == planId))
            .Join(db.Indicators, a => a.IndicatorId, i => i.Id, (a, i) => new { i.Code, a.Period, a.Revision, a.Justification, a.Note })
            .ToListAsync(ct);
        // The latest period (finest last), then the latest revision: what an office would quote in the report.
        return rows.GroupBy(r => r.Code).ToDictionary(g => g.Key, g =>
        {
            var ordered = g.OrderByDescending(r => Period.TryParse(r.Period, out var p) ? p.End(year).DayNumber : 0).ThenByDescending(r => r.Revision).ToList();
            return new Notes(ordered.Select(r => r.Justification).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)),
                ordered.Select(r => r.Note).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)));
        }, StringComparer.Ordinal);
    }
}
