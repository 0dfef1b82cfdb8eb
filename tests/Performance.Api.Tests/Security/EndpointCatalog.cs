namespace Performance.Api.Tests.Security;

/// <summary>
/// Every endpoint of the service, with who may call it (the roles, written out here rather than read from the
/// service's own policy table) and a concrete request against the Cremona plan. Write endpoints get a harmless body.
/// </summary>
public sealed record EndpointCase(
    string Method, string Template, string[] Allowed, Func<TrustContext, string> Url, Func<TrustContext, string?>? Body = null,
    bool IfMatch = false, bool PlanScoped = true, string ContentType = "application/json")
{
    /// <summary>The content type of a write that takes no body at all (a DELETE): the JSON body tests pass it by.</summary>
    public const string NoBody = "(none)";

    public string Name => $"{Method} {Template}";
    public bool IsRead => Method == "GET";
}

public static class EndpointCatalog
{
    private static readonly string[] Everyone = ["Admin", "ControlloGestione", "Referente", "Oiv", "Viewer"];
    private static readonly string[] ReadPlans = ["Admin", "ControlloGestione", "Referente", "Oiv"];
    private static readonly string[] EditPlans = ["Admin", "ControlloGestione"];
    private static readonly string[] RecordActuals = ["Admin", "ControlloGestione", "Referente"];
    private static readonly string[] Validate = ["Oiv"];
    private static readonly string[] Audit = ["Admin", "ControlloGestione", "Oiv"];
    private static readonly string[] ClosePeriods = ["Admin", "ControlloGestione"];
    private static readonly string[] Reopen = ["Admin"];
    private static readonly string[] ManageWebhooks = ["Admin"];

    /// <summary>A random but well-formed ETag: the request passes authorization and then fails its precondition (412).</summary>
    public const string StaleETag = "\"00000000000000000000000000000001\"";

    public static readonly EndpointCase[] All =
    [
        // Plans
        new("GET", "/api/plans", Everyone, _ => "/api/plans", PlanScoped: false),
        new("GET", "/api/plans/{plan}", Everyone, c => $"/api/plans/{c.Plan}"),
        new("POST", "/api/plans/import", EditPlans, _ => "/api/plans/import", _ => "{}", PlanScoped: false),
        new("POST", "/api/plans", EditPlans, _ => "/api/plans", _ => "{}", PlanScoped: false),
        new("GET", "/api/plans/{plan}/export", ReadPlans, c => $"/api/plans/{c.Plan}/export"),
        // No act: authorization passes, the body is refused (400).
        new("POST", "/api/plans/{plan}/adopt", EditPlans, c => $"/api/plans/{c.Plan}/adopt", _ => "{}"),
        // No code: authorization passes, the body is refused (400).
        new("POST", "/api/plans/{plan}/rollover", EditPlans, c => $"/api/plans/{c.Plan}/rollover", _ => "{}"),
        new("GET", "/api/plans/{plan}/indicators/{indicator}/trend", Everyone, c => $"/api/plans/{c.Plan}/indicators/2021_01_01_02.I1/trend"),
        // Nodes and indicators
        new("GET", "/api/plans/{plan}/nodes", ReadPlans, c => $"/api/plans/{c.Plan}/nodes"),
        new("GET", "/api/plans/{plan}/nodes/{node}", ReadPlans, c => $"/api/plans/{c.Plan}/nodes/{c.Node}"),
        new("PATCH", "/api/plans/{plan}/nodes/{node}", EditPlans, c => $"/api/plans/{c.Plan}/nodes/{c.Node}", _ => """{"weight":1,"reason":"matrix"}""", IfMatch: true),
        new("GET", "/api/plans/{plan}/indicators", ReadPlans, c => $"/api/plans/{c.Plan}/indicators"),
        // Tree editing: bodies that fail validation and stale ETags, so authorization passes and nothing changes.
        new("POST", "/api/plans/{plan}/nodes", EditPlans, c => $"/api/plans/{c.Plan}/nodes", _ => "{}"),
        new("DELETE", "/api/plans/{plan}/nodes/{node}", EditPlans, c => $"/api/plans/{c.Plan}/nodes/{c.Node}", IfMatch: true, ContentType: EndpointCase.NoBody),
        new("POST", "/api/plans/{plan}/nodes/{node}/indicators", EditPlans, c => $"/api/plans/{c.Plan}/nodes/{c.Node}/indicators", _ => "{}"),
        new("DELETE", "/api/indicators/{indicator}", EditPlans, c => $"/api/indicators/{c.Indicator}", IfMatch: true, ContentType: EndpointCase.NoBody),
        new("GET", "/api/plans/{plan}/structures", ReadPlans, c => $"/api/plans/{c.Plan}/structures"),
        new("POST", "/api/plans/{plan}/structures", EditPlans, c => $"/api/plans/{c.Plan}/structures", _ => "{}"),
        new("PATCH", "/api/plans/{plan}/structures/{structure}", EditPlans, c => $"/api/plans/{c.Plan}/structures/CR-SG", _ => """{"name":"matrix"}""", IfMatch: true),
        new("DELETE", "/api/plans/{plan}/structures/{structure}", EditPlans, c => $"/api/plans/{c.Plan}/structures/CR-SG", IfMatch: true, ContentType: EndpointCase.NoBody),
        new("POST", "/api/plans/{plan}/value-areas", EditPlans, c => $"/api/plans/{c.Plan}/value-areas", _ => "{}"),
        new("PATCH", "/api/plans/{plan}/value-areas/{area}", EditPlans, c => $"/api/plans/{c.Plan}/value-areas/NONE", _ => """{"name":"matrix"}""", IfMatch: true),
        new("DELETE", "/api/plans/{plan}/value-areas/{area}", EditPlans, c => $"/api/plans/{c.Plan}/value-areas/NONE", IfMatch: true, ContentType: EndpointCase.NoBody),
        new("GET", "/api/plans/{plan}/policy", ReadPlans, c => $"/api/plans/{c.Plan}/policy"),
        new("PATCH", "/api/plans/{plan}/policy", EditPlans, c => $"/api/plans/{c.Plan}/policy", _ => """{"cap":100}""", IfMatch: true),
        new("GET", "/api/indicators/{indicator}", ReadPlans, c => $"/api/indicators/{c.Indicator}"),
        new("PATCH", "/api/indicators/{indicator}", EditPlans, c => $"/api/indicators/{c.Indicator}", _ => """{"weight":1,"reason":"matrix"}""", IfMatch: true),
        // Structures' own targets (the indicator's ETag: a stale one passes authorization and fails its precondition)
        new("GET", "/api/plans/{plan}/indicators/{indicator}/targets/{year}/structures", ReadPlans, c => $"/api/plans/{c.Plan}/indicators/2021_01_01_02.I1/targets/2021/structures"),
        new("GET", "/api/plans/{plan}/indicators/{indicator}/targets/{year}/structures/{structure}", ReadPlans, c => $"/api/plans/{c.Plan}/indicators/2021_01_01_02.I1/targets/2021/structures/CR-SG"),
        new("PUT", "/api/plans/{plan}/indicators/{indicator}/targets/{year}/structures/{structure}", EditPlans, c => $"/api/plans/{c.Plan}/indicators/2021_01_01_02.I1/targets/2021/structures/CR-SG",
            _ => """{"target":">= 80%"}""", IfMatch: true),
        new("DELETE", "/api/plans/{plan}/indicators/{indicator}/targets/{year}/structures/{structure}", EditPlans, c => $"/api/plans/{c.Plan}/indicators/2021_01_01_02.I1/targets/2021/structures/CR-SG",
            IfMatch: true, ContentType: EndpointCase.NoBody),
        // Targets
        new("POST", "/api/targets/parse", Everyone, _ => "/api/targets/parse", _ => """{"expression":">= 80%","year":2021}""", PlanScoped: false),
        // Scores and dashboards
        new("GET", "/api/plans/{plan}/scorecard", Everyone, c => $"/api/plans/{c.Plan}/scorecard?year=2021&period=S1"),
        new("GET", "/api/plans/{plan}/nodes/{node}/score", Everyone, c => $"/api/plans/{c.Plan}/nodes/{c.Node}/score?year=2021"),
        new("GET", "/api/indicators/{indicator}/score", Everyone, c => $"/api/indicators/{c.Indicator}/score?year=2021"),
        new("GET", "/api/plans/{plan}/structures/ranking", Everyone, c => $"/api/plans/{c.Plan}/structures/ranking?year=2021"),
        new("GET", "/api/plans/{plan}/public-value", Everyone, c => $"/api/plans/{c.Plan}/public-value?year=2021"),
        new("GET", "/api/plans/{plan}/projects/summary", Everyone, c => $"/api/plans/{c.Plan}/projects/summary?year=2021"),
        new("GET", "/api/plans/{plan}/guidelines", Everyone, c => $"/api/plans/{c.Plan}/guidelines?year=2021"),
        // Monitoring
        new("GET", "/api/plans/{plan}/due", ReadPlans, c => $"/api/plans/{c.Plan}/due?asOf=2021-08-15"),
        // Actuals
        new("GET", "/api/indicators/{indicator}/actuals", ReadPlans, c => $"/api/indicators/{c.Indicator}/actuals"),
        new("POST", "/api/indicators/{indicator}/actuals", RecordActuals, c => $"/api/indicators/{c.Plan}:{TrustContext.ReferenteIndicator}/actuals",
            _ => """{"year":2021,"period":"M01","value":1}"""),
        new("POST", "/api/plans/{plan}/actuals/bulk", RecordActuals, c => $"/api/plans/{c.Plan}/actuals/bulk",
            _ => $$"""{"actuals":[{"indicator":"{{TrustContext.ReferenteIndicator}}","year":2021,"period":"M02","value":1}]}"""),
        // Review
        new("GET", "/api/plans/{plan}/actuals/queue", ReadPlans, c => $"/api/plans/{c.Plan}/actuals/queue?status=Submitted"),
        new("POST", "/api/actuals/{actual}/submit", RecordActuals, c => $"/api/actuals/{c.Actual}/submit", _ => "{}"),
        new("POST", "/api/actuals/{actual}/validate", Validate, c => $"/api/actuals/{c.Actual}/validate", _ => "{}"),
        new("POST", "/api/actuals/{actual}/return", Validate, c => $"/api/actuals/{c.Actual}/return", _ => """{"reason":"matrix"}"""),
        new("GET", "/api/plans/{plan}/actuals/queue/counts", ReadPlans, c => $"/api/plans/{c.Plan}/actuals/queue/counts?year=2021"),
        new("POST", "/api/plans/{plan}/actuals/submit", RecordActuals, c => $"/api/plans/{c.Plan}/actuals/submit", c => $$"""{"ids":["{{c.Actual}}"]}"""),
        new("POST", "/api/plans/{plan}/actuals/validate", Validate, c => $"/api/plans/{c.Plan}/actuals/validate", c => $$"""{"ids":["{{c.Actual}}"]}"""),
        new("POST", "/api/plans/{plan}/actuals/return", Validate, c => $"/api/plans/{c.Plan}/actuals/return", c => $$"""{"ids":["{{c.Actual}}"],"reason":"matrix"}"""),
        new("POST", "/api/plans/{plan}/years/{year}/validate", Validate, c => $"/api/plans/{c.Plan}/years/2022/validate", _ => "{}"),
        new("GET", "/api/plans/{plan}/years/{year}", Everyone, c => $"/api/plans/{c.Plan}/years/2021"),
        new("POST", "/api/plans/{plan}/years/{year}/reopen", Reopen, c => $"/api/plans/{c.Plan}/years/2022/reopen", _ => "{}"),
        // Closures
        new("GET", "/api/plans/{plan}/closures", ReadPlans, c => $"/api/plans/{c.Plan}/closures"),
        new("POST", "/api/plans/{plan}/closures", ClosePeriods, c => $"/api/plans/{c.Plan}/closures", _ => """{"year":2023,"period":"M12","reason":"matrix"}"""),
        new("POST", "/api/plans/{plan}/closures/{closure}/reopen", Reopen, c => $"/api/plans/{c.Plan}/closures/{c.Closure}/reopen", _ => "{}"),
        // Reprogramming
        new("GET", "/api/plans/{plan}/reprogramming", ReadPlans, c => $"/api/plans/{c.Plan}/reprogramming"),
        new("POST", "/api/plans/{plan}/reprogramming", EditPlans, c => $"/api/plans/{c.Plan}/reprogramming", _ => "{}"),
        // Office: exports, templates, uploads, the Relazione
        new("GET", "/api/indicators/{indicator}/trend", Everyone, c => $"/api/indicators/{c.Indicator}/trend"),
        new("GET", "/api/plans/{plan}/actuals/template", ReadPlans, c => $"/api/plans/{c.Plan}/actuals/template?year=2021&format=csv"),
        new("POST", "/api/plans/{plan}/actuals/upload", RecordActuals, c => $"/api/plans/{c.Plan}/actuals/upload?dryRun=true",
            _ => $"indicator,year,period,value\n{TrustContext.ReferenteIndicator},2021,M08,1\n", ContentType: "text/csv"),
        new("GET", "/api/plans/{plan}/relazione", Everyone, c => $"/api/plans/{c.Plan}/relazione?year=2021"),
        new("GET", "/api/plans/{plan}/scorecard.{format}", Everyone, c => $"/api/plans/{c.Plan}/scorecard.csv?year=2021"),
        new("GET", "/api/plans/{plan}/structures/ranking.{format}", Everyone, c => $"/api/plans/{c.Plan}/structures/ranking.csv?year=2021"),
        new("GET", "/api/plans/{plan}/public-value.{format}", Everyone, c => $"/api/plans/{c.Plan}/public-value.csv?year=2021"),
        new("GET", "/api/plans/{plan}/guidelines.{format}", Everyone, c => $"/api/plans/{c.Plan}/guidelines.csv?year=2021"),
        new("GET", "/api/plans/template.xlsx", ReadPlans, _ => "/api/plans/template.xlsx", PlanScoped: false),
        new("GET", "/api/plans/{plan}/export.xlsx", ReadPlans, c => $"/api/plans/{c.Plan}/export.xlsx"),
        // An empty workbook: authorization passes, the file is refused (4xx).
        new("POST", "/api/plans/import/xlsx", EditPlans, _ => "/api/plans/import/xlsx", _ => "not a workbook", PlanScoped: false,
            ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        // Evidence: attachments and comments (a referente's own: Actual, Indicator and Node are CR-SG's)
        new("POST", "/api/actuals/{actual}/attachments", RecordActuals, c => $"/api/actuals/{c.Actual}/attachments?name=fonte.txt", _ => "fonte del dato",
            ContentType: "text/plain"),
        new("GET", "/api/actuals/{actual}/attachments", ReadPlans, c => $"/api/actuals/{c.Actual}/attachments"),
        new("POST", "/api/indicators/{indicator}/attachments", RecordActuals, c => $"/api/indicators/{c.Indicator}/attachments?name=scheda.txt",
            _ => "scheda indicatore", ContentType: "text/plain"),
        new("GET", "/api/indicators/{indicator}/attachments", ReadPlans, c => $"/api/indicators/{c.Indicator}/attachments"),
        new("POST", "/api/plans/{plan}/nodes/{node}/attachments", RecordActuals, c => $"/api/plans/{c.Plan}/nodes/{c.Node}/attachments?name=delibera.txt",
            _ => "delibera", ContentType: "text/plain"),
        new("GET", "/api/plans/{plan}/nodes/{node}/attachments", ReadPlans, c => $"/api/plans/{c.Plan}/nodes/{c.Node}/attachments"),
        new("GET", "/api/attachments/{id}", ReadPlans, c => $"/api/attachments/{c.Attachment}"),
        new("GET", "/api/attachments/{id}/metadata", ReadPlans, c => $"/api/attachments/{c.Attachment}/metadata"),
        new("DELETE", "/api/attachments/{id}", RecordActuals, c => $"/api/attachments/{c.DeletableAttachment}", ContentType: EndpointCase.NoBody),
        new("GET", "/api/actuals/{actual}/comments", ReadPlans, c => $"/api/actuals/{c.Actual}/comments"),
        new("POST", "/api/actuals/{actual}/comments", ReadPlans, c => $"/api/actuals/{c.Actual}/comments", _ => """{"text":"matrix"}"""),
        new("GET", "/api/indicators/{indicator}/comments", ReadPlans, c => $"/api/indicators/{c.Indicator}/comments"),
        new("POST", "/api/indicators/{indicator}/comments", ReadPlans, c => $"/api/indicators/{c.Indicator}/comments", _ => """{"text":"matrix"}"""),
        // Forzature
        new("POST", "/api/indicators/{indicator}/forzature", EditPlans, c => $"/api/indicators/{c.Indicator}/forzature",
            c => $$"""{"year":2021,"kind":"NotAssessable","reason":"matrix","evidence":["{{c.Attachment}}"]}"""),
        new("GET", "/api/indicators/{indicator}/forzature", ReadPlans, c => $"/api/indicators/{c.Indicator}/forzature"),
        new("GET", "/api/plans/{plan}/forzature", ReadPlans, c => $"/api/plans/{c.Plan}/forzature?status=Proposed"),
        new("POST", "/api/forzature/{id}/approve", Validate, c => $"/api/forzature/{c.Forzatura}/approve", _ => "{}"),
        new("POST", "/api/forzature/{id}/reject", Validate, c => $"/api/forzature/{c.Forzatura}/reject", _ => """{"note":"matrix"}"""),
        // Sampling and the validation document
        new("POST", "/api/plans/{plan}/years/{year}/samples", Validate, c => $"/api/plans/{c.Plan}/years/2021/samples", _ => """{"size":1}"""),
        new("GET", "/api/plans/{plan}/years/{year}/samples", Audit, c => $"/api/plans/{c.Plan}/years/{TrustContext.ValidatedYear}/samples"),
        new("GET", "/api/samples/{id}", Audit, c => $"/api/samples/{c.Sample}"),
        new("POST", "/api/samples/{sample}/items/{actual}", Validate, c => $"/api/samples/{c.Sample}/items/{c.SampledActual}", _ => """{"outcome":"Verified"}"""),
        new("GET", "/api/plans/{plan}/years/{year}/validation-document", Everyone, c => $"/api/plans/{c.Plan}/years/{TrustContext.ValidatedYear}/validation-document"),
        // Webhooks (the organization's; a body that fails validation: nothing is registered)
        new("POST", "/api/organizations/{organization}/webhooks", ManageWebhooks, _ => $"/api/organizations/{TrustKit.Org}/webhooks",
            _ => """{"url":"ftp://matrix","events":[],"secret":"x"}"""),
        new("GET", "/api/organizations/{organization}/webhooks", ManageWebhooks, _ => $"/api/organizations/{TrustKit.Org}/webhooks"),
        new("GET", "/api/organizations/{organization}/webhooks/{webhook}/deliveries", ManageWebhooks,
            c => $"/api/organizations/{TrustKit.Org}/webhooks/{c.Webhook}/deliveries"),
        new("DELETE", "/api/organizations/{organization}/webhooks/{webhook}", ManageWebhooks,
            c => $"/api/organizations/{TrustKit.Org}/webhooks/{c.Webhook}", ContentType: EndpointCase.NoBody),
        // Audit
        new("GET", "/api/audit", Audit, c => $"/api/audit?plan={c.Plan}"),
        new("GET", "/api/audit/verify", Audit, _ => "/api/audit/verify", PlanScoped: false),
        new("POST", "/api/audit/verify", Audit, _ => "/api/audit/verify", _ => "{}", PlanScoped: false),
        new("GET", "/api/audit/checkpoints", Audit, _ => "/api/audit/checkpoints", PlanScoped: false),
    ];

    public static EndpointCase Get(string name) => All.Single(e => e.Name == name);
}
