using System.Reflection;
using NetArchTest.Rules;

namespace Performance.Api.Tests.Architecture;

/// <summary>
/// The layout of docs/architecture.md, checked on the compiled assemblies (type references in signatures and bodies, via
/// NetArchTest): modules depend on each other only along the allowed one-way edges, features never reach into each
/// other except along a short named list, no cycle between top-level namespaces, and the domain uses nothing but the BCL.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "Performance.Api";
    private static readonly Assembly Api = typeof(Program).Assembly;
    // Loaded (and decompiled) once: every rule below queries the same types.
    private static readonly Types ApiTypes = Types.InAssembly(Api);

    /// <summary>The top-level namespaces of the web project and where each may reach. Program (global namespace) is Hosting.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> ModuleEdges = new Dictionary<string, string[]>
    {
        ["Hosting"] = ["Features", "PlanModel", "Persistence", "Infrastructure"],
        ["Features"] = ["PlanModel", "Persistence", "Infrastructure"],
        ["PlanModel"] = ["Persistence", "Infrastructure"],
        ["Persistence"] = ["Infrastructure"],
        ["Infrastructure"] = [],
    };

    /// <summary>
    /// The only feature-to-feature edges: reports render the answers of the score queries; the review answers consuntivi and,
    /// validating the year, produces the validation document (a report); evidence on consuntivi follows the referente scope
    /// of entering them.
    /// </summary>
    public static readonly (string From, string To)[] FeatureEdges =
    [
        ("Reports", "Scores"), ("Reports", "PublicValue"), ("Reports", "Guidelines"), ("Reports", "Structures"),
        ("Review", "Actuals"), ("Review", "Reports"), ("Evidence", "Actuals"),
    ];

    private static IReadOnlyList<string> Features =>
        ApiTypes.GetTypes().Select(t => t.FullName).Where(n => n.StartsWith(Root + ".Features.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[3]).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Every (from, to) pair of the given units (namespaces under <paramref name="parent"/>) where a type of one references the other.</summary>
    private static HashSet<(string From, string To)> Dependencies(string parent, IReadOnlyList<string> units)
    {
        var found = new HashSet<(string, string)>();
        foreach (var from in units)
        foreach (var to in units.Where(u => u != from))
        {
            var types = ApiTypes.That().ResideInNamespace($"{parent}.{from}").And().HaveDependencyOnAny($"{parent}.{to}").GetTypes();
            if (types.Any()) found.Add((from, to));
        }
        return found;
    }

    private static HashSet<(string From, string To)> FeatureDependencies() => Dependencies(Root + ".Features", Features);

    [Fact]
    public void Every_top_level_namespace_is_a_known_module()
    {
        var topLevel = ApiTypes.GetTypes().Select(t => t.FullName)
            .Where(n => n.StartsWith(Root + ".", StringComparison.Ordinal)).Select(n => n.Split('.')[2]).Distinct();
        var unknown = topLevel.Where(n => !ModuleEdges.ContainsKey(n) && !n.StartsWith('<')).ToList();
        Assert.True(unknown.Count == 0, "Not in the module map: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Modules_depend_on_each_other_only_along_the_allowed_edges()
    {
        var modules = ModuleEdges.Keys.ToList();
        var forbidden = Dependencies(Root, modules).Where(e => !ModuleEdges[e.From].Contains(e.To)).ToList();
        Assert.True(forbidden.Count == 0, "Forbidden module edges: " + string.Join(", ", forbidden.Select(e => $"{e.From} → {e.To}")) + Offenders(forbidden, Root));
    }

    [Fact]
    public void There_is_no_cycle_between_top_level_namespaces()
    {
        var edges = Dependencies(Root, ModuleEdges.Keys.ToList());
        Assert.Null(FindCycle(ModuleEdges.Keys, edges));
    }

    [Fact]
    public void Features_reach_other_features_only_along_the_named_edges()
    {
        var forbidden = FeatureDependencies().Where(e => !FeatureEdges.Contains(e)).ToList();
        Assert.True(forbidden.Count == 0,
            "Feature-to-feature references outside the allowed list: " + string.Join(", ", forbidden.Select(e => $"{e.From} → {e.To}"))
            + Offenders(forbidden, Root + ".Features") + "\nMove what they share into PlanModel (or Infrastructure), or add the edge to the list with its reason.");
    }

    [Fact]
    public void Every_allowed_feature_edge_is_in_use_so_the_list_stays_minimal()
    {
        var used = FeatureDependencies();
        var unused = FeatureEdges.Where(e => !used.Contains(e)).ToList();
        Assert.True(unused.Count == 0, "Allowed but unused (remove from the list): " + string.Join(", ", unused.Select(e => $"{e.From} → {e.To}")));
    }

    [Fact]
    public void The_check_names_an_edge_that_is_not_on_the_list()
    {
        // Against an empty list, the same check reports every real edge: a new import would be reported the same way.
        var used = FeatureDependencies();
        Assert.Contains(("Review", "Actuals"), used);
        Assert.Contains(("Reports", "Scores"), used);
        Assert.DoesNotContain(("Actuals", "Review"), used);
        Assert.NotNull(FindCycle(["A", "B", "C"], [("A", "B"), ("B", "C"), ("C", "A")]));
        Assert.Null(FindCycle(["A", "B", "C"], [("A", "B"), ("B", "C"), ("A", "C")]));
    }

    [Fact]
    public void The_domain_references_nothing_but_the_base_class_library()
    {
        var domain = typeof(Performance.Domain.Plans.Plan).Assembly;
        var references = domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.NotEmpty(references);
        var foreign = references.Where(r => !(r is "netstandard" or "mscorlib" || r == "System" || r.StartsWith("System.", StringComparison.Ordinal))).ToList();
        Assert.True(foreign.Count == 0, "The domain references: " + string.Join(", ", foreign));
    }

    [Fact]
    public void The_domain_does_not_depend_on_the_web_project()
    {
        var result = Types.InAssembly(typeof(Performance.Domain.Plans.Plan).Assembly).ShouldNot().HaveDependencyOnAny(Root).GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    /// <summary>A cycle in the graph as "A → B → A", or null when it is acyclic.</summary>
    private static string? FindCycle(IEnumerable<string> nodes, IEnumerable<(string From, string To)> edges)
    {
        var next = edges.ToLookup(e => e.From, e => e.To);
        var state = new Dictionary<string, int>(); // 1 = on the path, 2 = done
        var path = new Stack<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Push(node);
            foreach (var to in next[node])
            {
                if (state.GetValueOrDefault(to) == 1) return string.Join(" → ", path.Reverse().SkipWhile(n => n != to).Append(to));
                if (state.GetValueOrDefault(to) == 0 && Visit(to) is { } cycle) return cycle;
            }
            path.Pop();
            state[node] = 2;
            return null;
        }
        foreach (var node in nodes)
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } found) return found;
        return null;
    }

    private static string Offenders(IEnumerable<(string From, string To)> edges, string parent) =>
        string.Concat(edges.Select(e => $"\n  {e.From} → {e.To}: " + string.Join(", ",
            ApiTypes.That().ResideInNamespace($"{parent}.{e.From}").And().HaveDependencyOnAny($"{parent}.{e.To}").GetTypes().Select(t => t.Name))));
}
