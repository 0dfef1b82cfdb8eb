using Performance.Domain.Projects;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Persistence;
using Performance.Domain.Plans;

namespace Performance.Api.PlanModel;

/// <summary>Writes a stored plan back in the import format, so import(export(p)) is the same plan.</summary>
public static class PlanDocumentWriter
{
    public static async Task<PlanDocument> WriteAsync(PerformanceDbContext db, Plan plan, CancellationToken ct)
    {
        var areas = await db.ValueAreas.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.SortOrder).ToListAsync(ct);
        var structures = await db.Structures.AsNoTracking().Include(s => s.Volumes).Where(s => s.PlanId == plan.Id).OrderBy(s => s.SortOrder).ToListAsync(ct);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.PlanId == plan.Id).OrderBy(n => n.SortOrder).ToListAsync(ct);
        // Split: two collections in one query would repeat every indicator's targets once per structure target (and a
        // guideline's projects once per indicator) — already separate queries, like the ones above.
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Targets).Include(i => i.StructureTargets).AsSplitQuery()
            .Where(i => i.PlanId == plan.Id).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var guidelines = await db.Guidelines.AsNoTracking().Include(g => g.Projects).Include(g => g.Indicators).AsSplitQuery()
            .Where(g => g.PlanId == plan.Id).OrderBy(g => g.Number).ToListAsync(ct);
        var assignments = (await db.NodeStructures.AsNoTracking().Where(a => db.Nodes.Any(n => n.Id == a.NodeId && n.PlanId == plan.Id)).ToListAsync(ct))
            .ToLookup(a => a.NodeId);
        var changes = await db.Reprogrammings.AsNoTracking().Where(r => r.PlanId == plan.Id).OrderBy(r => r.EffectiveDate).ThenBy(r => r.SortOrder).ToListAsync(ct);

        var areaCode = areas.ToDictionary(a => a.Id, a => a.Code);
        var structureCode = structures.ToDictionary(s => s.Id, s => s.Code);
        var nodeCode = nodes.ToDictionary(n => n.Id, n => n.Code);
        var indicatorsByNode = indicators.ToLookup(i => i.NodeId);
        var indicatorCode = indicators.ToDictionary(i => i.Id, i => i.Code);
        var childrenByParent = nodes.ToLookup(n => n.ParentId);

        NodeDocument Node(Node n) => new(
            n.Code, n.Kind.ToString(), n.Title, n.Weight, Code(structureCode, n.StructureId), n.Responsible,
            Code(areaCode, n.ValueAreaId), Code(areaCode, n.SubAreaId),
            indicatorsByNode[n.Id].Select(i => Indicator(i, areaCode, structureCode)).ToList(),
            childrenByParent[n.Id].Select(Node).ToList(),
            n.Finalita, n.ProjectType?.ToString(), n.YearList.Count == 0 ? null : n.YearList.ToList(),
            n.ResourcesJson is null ? null : JsonDocument.Parse(n.ResourcesJson).RootElement.Clone(),
            Structures: assignments[n.Id].Count() == 0 ? null : structures.Where(s => assignments[n.Id].Any(a => a.StructureId == s.Id)).Select(s => s.Code).ToList());

        return new PlanDocument(
            new OrganizationDocument(plan.Organization.Code, plan.Organization.Name),
            plan.Code, plan.Title, plan.Description, plan.StartYear, plan.EndYear, plan.Status.ToString(),
            PlanPolicies.ReadDocument(plan.ScoringPolicyJson),
            areas.Where(a => a.ParentId is null).Select(a => new ValueAreaDocument(a.Code, a.Name, a.Weight,
                areas.Where(s => s.ParentId == a.Id).Select(s => new SubAreaDocument(s.Code, s.Name)).ToList())).ToList(),
            structures.Select(s => new StructureDocument(s.Code, s.Name, s.Kind.ToString(), s.Type, s.Region, Code(structureCode, s.ParentId),
                s.Volumes.OrderBy(v => v.Year).ToDictionary(v => v.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), v => v.Volume))).ToList(),
            childrenByParent[null].Select(Node).ToList(),
            guidelines.Select(g => new GuidelineDocument(g.Number, g.Title, g.Kind.ToString(),
                g.Programmes.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
                g.Projects.OrderBy(p => p.SortOrder).Select(p => nodeCode[p.NodeId]).ToList(), g.Justification,
                g.Indicators.Count == 0 ? null : g.Indicators.OrderBy(i => i.SortOrder).Select(i => indicatorCode[i.IndicatorId]).ToList())).ToList(),
            changes.Count == 0 ? null : changes.Select(r => new ReprogrammingDocument(
                r.Kind.ToString(), r.IndicatorId is null ? nodeCode[r.NodeId] : null, r.Act, r.EffectiveDate, r.Reason,
                Code(structureCode, r.ToStructureId), Code(nodeCode, r.IntoNodeId),
                r.IndicatorId is { } i ? indicatorCode[i] : null, r.Year, r.Target, r.Weight, Code(structureCode, r.StructureId))).ToList(),
            plan.AdoptionAct, plan.AdoptedOn);
    }

    private static IndicatorDocument Indicator(Indicator i, Dictionary<Guid, string> areaCode, Dictionary<Guid, string> structureCode) => new(
        i.Code, i.Name, i.Type?.ToString(), i.Unit?.ToString(), i.Polarity?.ToString(), i.Weight,
        i.Targets.OrderBy(t => t.Year).ToDictionary(t => t.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.Text),
        i.BaselineYear is null ? null : new BaselineDocument(i.BaselineYear, i.BaselineValue),
        i.Formula, i.Source, i.Frequency.ToString(), i.Aggregation.ToString(), i.Cap,
        i.NumeratorLabel, i.DenominatorLabel, Code(areaCode, i.ValueAreaId),
        // In the plan's order of structures, each structure's years in order; absent when the indicator has none.
        i.StructureTargets.Count == 0 ? null : i.StructureTargets.GroupBy(t => t.StructureId).OrderBy(g => structureCode.Keys.ToList().IndexOf(g.Key))
            .Select(g => new StructureTargetDocument(structureCode[g.Key],
                g.OrderBy(t => t.Year).ToDictionary(t => t.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), t => t.Text))).ToList());

    private static string? Code(Dictionary<Guid, string> codes, Guid? id) => id is { } value ? codes[value] : null;
}
