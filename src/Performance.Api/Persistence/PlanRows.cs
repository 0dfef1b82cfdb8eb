using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

/// <summary>
/// Stores a new plan read whole (an import): the plan, its organization, structures and value areas through the change
/// tracker, then its tree, indicators, targets, guidelines and reprogramming acts with <see cref="BulkInsert"/>.
/// Tracking the ~125,000 rows of a large plan made <c>SaveChanges</c> take over ten seconds; the rows stored are the
/// same, with the foreign keys the change tracker's fixup would have set from the navigations.
/// </summary>
/// <remarks>
/// Runs in the caller's transaction (all or nothing stays with the caller). The audited rows written here are handed to
/// the audit trail (<see cref="AuditTrail.Written"/>) for the entry the caller records and saves next. On return the
/// tracked plan no longer lists its nodes, guidelines and reprogramming acts: they are stored, untracked, and a later
/// <c>SaveChanges</c> must not find them in its collections and insert them again.
/// </remarks>
internal static class PlanRows
{
    public static async Task StoreAsync(PerformanceDbContext db, AuditTrail audit, Plan plan, CancellationToken ct)
    {
        var nodes = ParentsFirst(plan);
        var guidelines = plan.Guidelines.ToList();
        var reprogrammings = plan.Reprogrammings.ToList();
        plan.Nodes.Clear();
        plan.Guidelines.Clear();
        plan.Reprogrammings.Clear();

        // The rows the others refer to (plan, organization, structures and their volumes, value areas): few, tracked.
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);

        var assigned = new List<NodeStructure>();
        var indicators = new List<Indicator>();
        var targets = new List<IndicatorTarget>();
        var structureTargets = new List<StructureTarget>();
        foreach (var node in nodes)
        {
            node.PlanId = plan.Id;
            node.ParentId = node.Parent?.Id ?? node.ParentId;
            node.StructureId = node.Structure?.Id ?? node.StructureId;
            node.ValueAreaId = node.ValueArea?.Id ?? node.ValueAreaId;
            node.SubAreaId = node.SubArea?.Id ?? node.SubAreaId;
            foreach (var child in node.Children) child.ParentId = node.Id;
            foreach (var a in node.AssignedStructures) a.NodeId = node.Id;
            assigned.AddRange(node.AssignedStructures);
            foreach (var indicator in node.Indicators)
            {
                if (indicator.Actuals.Count > 0) throw new InvalidOperationException("A new plan is stored without consuntivi.");
                indicator.NodeId = node.Id;
                indicator.ValueAreaId = indicator.ValueArea?.Id ?? indicator.ValueAreaId;
                foreach (var t in indicator.Targets) t.IndicatorId = indicator.Id;
                foreach (var t in indicator.StructureTargets) t.IndicatorId = indicator.Id;
                indicators.Add(indicator);
                targets.AddRange(indicator.Targets);
                structureTargets.AddRange(indicator.StructureTargets);
            }
        }
        var projects = new List<GuidelineProject>();
        var guidelineIndicators = new List<GuidelineIndicator>();
        foreach (var guideline in guidelines)
        {
            guideline.PlanId = plan.Id;
            foreach (var p in guideline.Projects) (p.GuidelineId, p.NodeId) = (guideline.Id, p.Node?.Id ?? p.NodeId);
            foreach (var i in guideline.Indicators) (i.GuidelineId, i.IndicatorId) = (guideline.Id, i.Indicator?.Id ?? i.IndicatorId);
            projects.AddRange(guideline.Projects);
            guidelineIndicators.AddRange(guideline.Indicators);
        }
        foreach (var r in reprogrammings)
        {
            r.PlanId = plan.Id;
            r.NodeId = r.Node?.Id ?? r.NodeId;
            r.IntoNodeId = r.IntoNode?.Id ?? r.IntoNodeId;
            r.ToStructureId = r.ToStructure?.Id ?? r.ToStructureId;
            r.IndicatorId = r.Indicator?.Id ?? r.IndicatorId;
        }

        // In the order of the foreign keys: a row after every row it refers to.
        await BulkInsert.InsertAsync(db, nodes, ct);
        await BulkInsert.InsertAsync(db, assigned, ct);
        await BulkInsert.InsertAsync(db, indicators, ct);
        await BulkInsert.InsertAsync(db, targets, ct);
        await BulkInsert.InsertAsync(db, structureTargets, ct);
        await BulkInsert.InsertAsync(db, guidelines, ct);
        await BulkInsert.InsertAsync(db, projects, ct);
        await BulkInsert.InsertAsync(db, guidelineIndicators, ct);
        await BulkInsert.InsertAsync(db, reprogrammings, ct);

        // What the audit entry's rows would have listed had the change tracker inserted them.
        audit.Written(nodes.Cast<object>().Concat(indicators).Concat(targets).Concat(structureTargets).Concat(reprogrammings), plan.Id);
    }

    /// <summary>Every node of the plan (listed, or under a listed one), each after its parent.</summary>
    private static List<Node> ParentsFirst(Plan plan)
    {
        var all = new List<Node>();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Node>(plan.Nodes.AsEnumerable().Reverse());
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node)) continue;
            all.Add(node);
            for (var i = node.Children.Count - 1; i >= 0; i--) pending.Push(node.Children[i]);
        }
        var byId = all.ToDictionary(n => n.Id);
        var ordered = new List<Node>(all.Count);
        var placed = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var chain = new Stack<Node>();
        foreach (var node in all)
        {
            // Climb to the first ancestor already placed (or the root), then place the chain top-down.
            for (Node? n = node; n is not null && !placed.Contains(n) && !chain.Contains(n);
                 n = n.Parent ?? (n.ParentId is { } p ? byId.GetValueOrDefault(p) : null))
                chain.Push(n);
            while (chain.TryPop(out var n))
                if (placed.Add(n)) ordered.Add(n);
        }
        return ordered;
    }
}
