using Performance.Api.Infrastructure;
using Performance.Domain.Language;
using Performance.Domain.Plans;
using Performance.Domain.Targets;

namespace Performance.Api.PlanModel;

/// <summary>The checks a reprogramming change passes, from a plan document or from the API, each error under its path.</summary>
public static class ReprogrammingRules
{
    /// <param name="Moves">The moves by act known so far, in the order they apply, and <paramref name="StoredParent"/> a node's
    /// parent as stored: where a move is checked not to put a node under itself or one of its descendants at any date.</param>
    public sealed record Lookups(
        Func<string, Node?> Node, Func<string, Structure?> Structure, Func<string, Indicator?> Indicator, int StartYear, int EndYear,
        IReadOnlyList<TreeMove> Moves, Func<Node, Node?> StoredParent);

    public static Reprogramming? Read(ReprogrammingDocument? c, string path, Lookups find, ValidationErrors errors, DateTime recordedAt)
    {
        string At(string field) => path.Length == 0 ? field : $"{path}.{field}";
        if (c is null) { errors.Add(path.Length == 0 ? "body" : path, Say.It("La modifica di riprogrammazione è obbligatoria.", "A reprogramming change is required.")); return null; }
        var before = errors.Count;

        if (!EnumText.TryParse<ReprogrammingKind>(c.Kind, out var kind))
            errors.Add(At("kind"), Say.It($"'{c.Kind}' non è tra i valori ammessi: {string.Join(", ", Enum.GetNames<ReprogrammingKind>())}.", $"'{c.Kind}' is not one of {string.Join(", ", Enum.GetNames<ReprogrammingKind>())}."));
        if (string.IsNullOrWhiteSpace(c.Act)) errors.Add(At("act"), Say.It("L'atto che ha disposto la modifica è obbligatorio (per esempio \"Det. DG n. 190/2024\").", "The act that decided the change is required (e.g. \"Det. DG n. 190/2024\")."));
        else if (c.Act.Length > PlanRecord.MaxActLength) errors.Add(At("act"), PlanRecord.ActTooLong);
        PlanRecord.CheckReasonLength(c.Act, c.Reason, errors, At("reason"));
        if (c.Date is not { } date) errors.Add(At("date"), Say.It("La data di efficacia della modifica è obbligatoria.", "The date the change takes effect is required."));
        else if (date.Year < find.StartYear || date.Year > find.EndYear) errors.Add(At("date"), Say.It($"La data è fuori dal periodo del piano ({find.StartYear}-{find.EndYear}).", $"The date is outside the plan ({find.StartYear}-{find.EndYear})."));
        if (errors.Count > before) return null;

        var change = new Reprogramming { Kind = kind, Act = c.Act!.Trim(), EffectiveDate = c.Date!.Value, Reason = c.Reason, RecordedAt = recordedAt };
        if (kind == ReprogrammingKind.ReviseTarget)
        {
            var indicator = Known(find.Indicator, c.Indicator, At("indicator"), "indicator", errors);
            // With a structure, the act revises that structure's own target (docs/targets.md, "Targets per structure").
            var structure = c.Structure is null ? null : Known(find.Structure, c.Structure, At("structure"), "structure", errors);
            if (c.Year is not { } year || year < find.StartYear || year > find.EndYear)
                errors.Add(At("year"), Say.It($"È obbligatorio un anno del piano ({find.StartYear}-{find.EndYear}).", $"A year of the plan ({find.StartYear}-{find.EndYear}) is required."));
            else if (string.IsNullOrWhiteSpace(c.Target)) errors.Add(At("target"), Say.It("Il target rivisto è obbligatorio.", "The revised target is required."));
            else if (c.Target.Length > 500) errors.Add(At("target"), Say.It("Un target può contenere al massimo 500 caratteri.", "A target must be at most 500 characters."));
            else if (indicator is not null && TargetTexts.Problem(c.Target, indicator.Polarity, year) is { } problem) errors.Add(At("target"), problem);
            if (indicator is null || errors.Count > before) return null;
            (change.Indicator, change.Node, change.Year, change.Target, change.StructureId) = (indicator, indicator.Node, c.Year, c.Target!.Trim(), structure?.Id);
            return change;
        }

        if (kind == ReprogrammingKind.ChangeWeight)
        {
            if (c.Weight is not { } weight || weight < 0 || weight > 1_000_000) errors.Add(At("weight"), Say.It("Il nuovo peso (da 0 a 1000000) è obbligatorio.", "The new weight (0 to 1000000) is required."));
            change.Weight = c.Weight;
            // An indicator's weight when an indicator is named, else the node's.
            if (!string.IsNullOrWhiteSpace(c.Indicator))
            {
                var weighted = Known(find.Indicator, c.Indicator, At("indicator"), "indicator", errors);
                if (weighted is null || errors.Count > before) return null;
                (change.Indicator, change.Node) = (weighted, weighted.Node);
                return change;
            }
        }

        // An indicator added to or removed from the plan by the act (as the tree endpoints record it, and export writes it).
        if (kind is ReprogrammingKind.AddIndicator or ReprogrammingKind.RemoveIndicator)
        {
            var element = Known(find.Indicator, c.Indicator, At("indicator"), "indicator", errors);
            if (element is null || errors.Count > before) return null;
            (change.Indicator, change.Node) = (element, element.Node);
            return change;
        }

        var node = Known(find.Node, c.Node, At("node"), "node", errors);
        // A move names the new parent in intoProject (absent = top level).
        if (kind == ReprogrammingKind.MoveNode && !string.IsNullOrWhiteSpace(c.IntoProject))
        {
            change.IntoNode = Known(find.Node, c.IntoProject, At("intoProject"), "node", errors);
            // Under one of its own descendants the node would leave the tree in a cycle (PATCH of a node refuses it alike).
            if (change.IntoNode is not null && node is not null && TreeEdits.MoveProblem(node, change.IntoNode, c.IntoProject, change.EffectiveDate, find.Moves, find.StoredParent) is { } cycle)
                errors.Add(At("intoProject"), cycle);
        }
        if (kind == ReprogrammingKind.ReassignStructure) change.ToStructure = Known(find.Structure, c.ToStructure, At("toStructure"), "structure", errors);
        if (kind == ReprogrammingKind.MergeProject)
        {
            change.IntoNode = Known(find.Node, c.IntoProject, At("intoProject"), "project", errors);
            if (change.IntoNode is not null && change.IntoNode == node) errors.Add(At("intoProject"), Say.It("Un progetto non può essere accorpato a se stesso.", "A project cannot be merged into itself."));
            // A project is merged into a project (docs/model.md, "Reprogramming"): its realization then counts there.
            else if (change.IntoNode is { Kind: not NodeKind.Project } into)
                errors.Add(At("intoProject"), Say.It($"Un progetto si accorpa solo a un altro progetto; '{into.Code}' è di tipo {into.Kind}.", $"A project is merged only into another project; '{into.Code}' is a {into.Kind}."));
        }
        if (node is not null && kind is ReprogrammingKind.MergeProject or ReprogrammingKind.CancelProject && node.Kind != NodeKind.Project)
            errors.Add(At("node"), Say.It($"Si accorpano o annullano solo i progetti; '{node.Code}' è di tipo {node.Kind}.", $"Only projects are merged or cancelled; '{node.Code}' is a {node.Kind}."));
        if (node is null || errors.Count > before) return null;
        change.Node = node;
        return change;
    }

    private static T? Known<T>(Func<string, T?> find, string? code, string path, string what, ValidationErrors errors) where T : class
    {
        if (string.IsNullOrWhiteSpace(code)) { errors.Add(path, Say.It($"Il codice {Of(what)} è obbligatorio.", $"The {what} code is required.")); return null; }
        var found = find(code);
        if (found is null) errors.Add(path, Say.It($"Codice {Of(what)} '{code}' sconosciuto.", $"Unknown {what} code '{code}'."));
        return found;
    }

    // "the indicator code" in Italian: "il codice dell'indicatore".
    private static string Of(string what) => what switch
    {
        "indicator" => "dell'indicatore", "node" => "del nodo", "structure" => "della struttura", "project" => "del progetto", _ => what,
    };
}
