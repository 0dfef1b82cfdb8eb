namespace Performance.Api.Hosting;

/// <summary>
/// The words of the OpenAPI contract, in one place: what each operation does (by operationId), what each parameter
/// means, and which query parameters an operation cannot do without. <see cref="ApiContract"/> applies them; examples
/// are in ApiExamples.json. A new endpoint adds its line here (the Spectral gate fails until it does).
/// </summary>
public static class ApiCatalog
{
    public const string Description =
        """
        The *ciclo della performance* of Italian public administrations (D.Lgs. 150/2009): the albero della performance,
        targets as plans write them, consuntivi with OIV review, exact and explainable scores, Valore Pubblico and LGG.

        **Authentication**: every `/api` call needs `X-Api-Key: <key>` or `Authorization: Bearer <token>`. The demo keys
        (`demo-admin-key`, `demo-cg-key`, `demo-referente-key`, `demo-oiv-key`, `demo-viewer-key`) are for trying the
        service only. No credentials → 401; a role that may not → 403; another organization's resource → 404.

        **Conventions**: `{plan}` is a plan id or code (`PP-2021-2023`), `{indicator}` an id or `planCode:indicatorCode`,
        `{node}` an id or code. Scores and percentages are rounded half away from zero to 2 decimals; explanations and
        consuntivi as entered keep full precision. Errors are RFC 9457 ProblemDetails (`application/problem+json`) with
        field errors under `errors` keyed by JSON path.
        """;

    public static readonly string[] Periods =
    [
        "Y", "S1", "S2", "T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4",
        "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12", "F1", "F2", "F3", "F4",
    ];

    /// <summary>The periods of the year a monitoring query takes (forecasts are not periods of the year).</summary>
    public static readonly string[] YearPeriods = [.. Periods.Where(p => !p.StartsWith('F'))];

    public static readonly string[] Formats = ["csv", "xlsx"];

    private const string ScoreYear = "The plan year to score (required), e.g. 2021; outside the plan's years → 400.";
    private static readonly string[] Year = ["year"];
    private const string IndicatorInPlan = "The indicator's id or code within the plan, e.g. RP-2024-PNDD.I1.";

    /// <summary>Parameter meanings by location and name, unless an operation says otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>
    {
        ["Path:plan"] = "The plan's id or code, e.g. PP-2021-2023 (Camera di Commercio di Cremona) or RP-2024 (INPS).",
        ["Path:indicator"] = "The indicator's id or planCode:indicatorCode, e.g. PP-2021-2023:2021_01.I1.",
        ["Path:node"] = "The node's id or code within the plan, e.g. 2021_01_01.",
        ["Path:actual"] = "The consuntivo's id (as returned when it was recorded or listed).",
        ["Path:closure"] = "The closure's id (as returned by POST or GET …/closures).",
        ["Path:year"] = "A year of the plan, e.g. 2021.",
        ["Path:structure"] = "The structure's id or code within the plan, e.g. DR-LOM.",
        ["Path:organization"] = "The organization's code, e.g. CCIAA-CR.",
        ["Path:webhook"] = "The webhook endpoint's id (as returned when it was registered or listed).",
        ["Path:format"] = "The file format: csv (UTF-8, ';') or xlsx.",
        ["Query:year"] = "The plan year, e.g. 2021.",
        ["Query:asOf"] = "Answer with what was known on that date (ISO date): periods ended, revisions recorded and reprogramming in force by then.",
        ["Query:structure"] = "Only this structure's part (structure code, e.g. CR-SG).",
        ["Query:forecast"] = "Score a forecast (previsione) 1-4 instead of the consuntivo.",
        ["Query:explain"] = "true adds the full explanation (formula with its numbers, consuntivi used and ignored, policy steps) at full precision.",
        ["Query:dryRun"] = "true checks everything and answers what would be stored, without storing anything.",
        ["Query:replace"] = "true replaces an existing plan with the same organization and code (refused when it has consuntivi).",
        ["Query:compare"] = "previousYear adds, beside each node and indicator, its figures of the year before (this plan's, or the plan it was rolled forward from).",
        ["Query:kind"] = "Only structures of this kind (Central or Territorial), to compare like with like.",
        ["Query:period"] = "A period of the year (Y, S1-S2, T1-T3, Q1-Q4, M01-M12).",
        ["Query:status"] = "Only consuntivi in this review state.",
        ["Query:format"] = "The file format: csv or xlsx (default xlsx).",
        ["Query:plan"] = "Only entries about this plan (id or code).",
        ["Query:indicator"] = "Only entries about this indicator (id or planCode:indicatorCode).",
        ["Query:user"] = "Only entries by this user (the key's or token's name).",
        ["Query:from"] = "Only entries recorded at or after this instant (ISO 8601 with offset).",
        ["Query:to"] = "Only entries recorded before this instant (ISO 8601 with offset).",
        ["Query:skip"] = "Entries to skip (offset paging; the answer has total, skip and take).",
        ["Query:take"] = "Entries per page: 1 to 1000, default 100.",
        ["Query:cursor"] = "Where the page starts: the cursor given by the previous page (the next field or the Link rel=\"next\" header); opaque.",
    };

    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Actuals"] = "Consuntivi: one by one, in bulk, their revisions.",
        ["Office"] = "Office files: CSV/XLSX templates, uploads, imports and exports.",
        ["Audit"] = "The append-only, hash-chained audit trail.",
        ["Closures"] = "Closing periods to new consuntivi, and reopening them.",
        ["Valore Pubblico"] = "Valore Pubblico, projects and LGG attuazione.",
        ["Indicators"] = "Indicators with their targets, weights and metadata.",
        ["Nodes"] = "The albero della performance.",
        ["Plans"] = "Plans: import, export, listing.",
        ["Reprogramming"] = "Reprogramming acts applied without rewriting the plan.",
        ["Review"] = "The OIV's review of consuntivi and of the year.",
        ["Scores"] = "Achievement, scores and roll-ups, explained on request.",
        ["Structures"] = "Structures compared.",
        ["Targets"] = "Reading targets as plans write them.",
        ["Monitoring"] = "In-year monitoring: what is due, overdue or stale.",
        ["Webhooks"] = "Notifications: the organization's endpoints, signed deliveries with retries, the delivery log.",
    };

    public static readonly IReadOnlyDictionary<string, OperationDoc> Operations = new Dictionary<string, OperationDoc>
    {
        // Plans
        ["ListPlans"] = new("The plans the caller's organization may see (all of them for a `*` key), newest first."),
        ["GetPlan"] = new("A plan's header (organization, years, status, scoring policy) and counts of nodes, indicators and consuntivi."),
        ["ImportPlan"] = new("Loads a whole plan document (tree, indicators with targets, structures, value areas, LGG). Atomic: any " +
            "invalid part is a 400 listing every error by JSON path and nothing is stored. Targets are parsed as written; what was read but " +
            "deserves a look comes back as warnings. A second import of the same organization and code is a 409 unless replace=true."),
        ["ImportPlanWorkbook"] = new("The same import from the plan workbook (GET /api/plans/template.xlsx): sheets Piano, Albero, " +
            "Indicatori, Strutture, Ambiti, LGG, Riprogrammazioni. Errors name the sheet and cell. Send the file as a multipart part named " +
            "file or as the raw body."),
        ["GetPlanWorkbookTemplate"] = new("An empty plan workbook with every sheet, its columns and instructions in Italian."),
        ["CreatePlan"] = new("Creates an empty Draft plan (organization, code, title, years, optional scoring policy) to be built through " +
            "the API: structures, value areas, nodes and indicators one at a time. Checked as an import of the same header; 409 when the " +
            "code exists."),
        ["AdoptPlan"] = new("Adopts the plan by its act (number, date, reason): from then on targets, weights and structures change only " +
            "by acts with a reason, recorded as reprogramming and honoured by asOf."),
        ["ExportPlan"] = new("The plan as a plan document: importing it again gives the same plan (round trip)."),
        ["RollOverPlan"] = new("Rolls the plan forward to the next triennium: a new Draft plan (same organization and codes) with the tree, indicators " +
            "and structures as the plan stands with its acts, the targets of the years both plans cover, the new years empty, each baseline set to the " +
            "indicator's last consuntivo, and links to the source for trends. Code taken → 409."),
        ["ExportPlanWorkbook"] = new("The plan as a plan workbook, ready to edit and import back."),
        // Nodes and indicators
        ["GetNodeTree"] = new("The whole albero: nodes with their children and indicators, each indicator with its parsed targets."),
        ["GetNode"] = new("One node with its subtree. The ETag header is the node's version, needed to update it.", ETag: true),
        ["UpdateNode"] = new("Changes a node's weight and metadata. Requires If-Match with the ETag last read; the change and its " +
            "before/after are audited."),
        ["CreateNode"] = new("Adds a node under `parent` (a node's code; none = top level) at `position` among its siblings (0 = first), " +
            "written as in a plan document (its indicators and children may come with it). Every error by JSON path in one 400; nothing " +
            "stored. Free in Draft; once the plan is adopted it needs `act`, `date` and `reason` and is part of the plan from the act's date " +
            "(asOf before it shows the plan without it); 409 in a validated year. The answer's ETag is the new node's version."),
        ["DeleteNode"] = new("Removes a node with its subtree (If-Match required). In Draft it is deleted, unless something below it has " +
            "consuntivi or other record (409: cancel it by an act). Once adopted it needs `act`, `date`, `reason` and leaves the plan from " +
            "the act's date, its consuntivi kept; 409 in a validated year.",
            new Dictionary<string, string>
            {
                ["act"] = "The act that decides the removal (required once the plan is adopted), e.g. Det. S.G. n. 45/2021.",
                ["date"] = "The date the removal takes effect (default today), within the plan's years.",
                ["reason"] = "Why (required once the plan is adopted).",
            }),
        ["CreateIndicator"] = new("Adds an indicator to the node, written as in a plan document (every target parsed), at `position` among " +
            "the node's indicators. Free in Draft; once adopted it needs `act`, `date`, `reason` and is scored from the act's date; 409 in a " +
            "validated year. The answer's ETag is the new indicator's version."),
        ["DeleteIndicator"] = new("Removes an indicator (If-Match required). In Draft it is deleted, unless it has consuntivi or other record " +
            "(409: cancel it by an act). Once adopted it needs `act`, `date`, `reason` and leaves the plan from the act's date, its " +
            "consuntivi kept; 409 in a validated year.",
            new Dictionary<string, string>
            {
                ["act"] = "The act that decides the removal (required once the plan is adopted), e.g. Det. S.G. n. 45/2021.",
                ["date"] = "The date the removal takes effect (default today), within the plan's years.",
                ["reason"] = "Why (required once the plan is adopted).",
            }),
        // Structures, value areas, scoring policy
        ["ListStructures"] = new("The plan's structures in the plan's order: kind, type, region, parent, production volumes, and each " +
            "one's ETag for updates."),
        ["CreateStructure"] = new("Adds a structure (its parent may be a stored structure). It scores nothing until objectives are " +
            "assigned to it, so it is allowed in a validated year; once the plan is adopted it needs `act` and `reason` (audited)."),
        ["UpdateStructure"] = new("Changes a structure (If-Match required): absent fields stay, `parent` \"\" clears it, a year mapped to " +
            "null in `volumes` removes it. Kind, parent and volumes move the Valore Pubblico: 409 once a year is validated.",
            new Dictionary<string, string> { ["structure"] = "The structure's code within the plan, e.g. CR-SG." }),
        ["DeleteStructure"] = new("Removes a structure entered by mistake (If-Match required), with its production volumes: only from a " +
            "plan in Draft (409 `plan_not_draft` once adopted: objectives change hands by a ReassignStructure act) and only while nothing " +
            "names it — a node it is responsible for or assigned to, a structure under it, a consuntivo, an own target or an act (409 " +
            "`has_data` listing them, nothing removed). Audited with what the structure was.",
            new Dictionary<string, string> { ["structure"] = "The structure's code within the plan, e.g. DP-XX." }),
        ["CreateValueArea"] = new("Adds an ambito valoriale with its sottoambiti; once the plan is adopted it needs `act` and `reason`."),
        ["UpdateValueArea"] = new("Renames a value area or sub-area or changes an area's weight (If-Match required); the weight is refused " +
            "once a year is validated (409).",
            new Dictionary<string, string> { ["area"] = "The value area's or sub-area's code within the plan, e.g. SOC." }),
        ["DeleteValueArea"] = new("Removes a value area with its sub-areas, or one sub-area, entered by mistake (If-Match required): only " +
            "from a plan in Draft (409 `plan_not_draft` once adopted) and only while no node or indicator is classified in it (409 " +
            "`has_data` with the counts, nothing removed). Audited with what it was.",
            new Dictionary<string, string> { ["area"] = "The value area's or sub-area's code within the plan, e.g. SOC." }),
        ["GetScoringPolicy"] = new("The plan's scoring policy: cap, lower-is-better formula, missing-data rule, threshold, bands, monitoring " +
            "thresholds. The ETag header is the plan's version, needed to change it.", ETag: true),
        ["UpdateScoringPolicy"] = new("Changes the scoring policy (If-Match required): every field given replaces the stored one; " +
            "`uncapped: true` removes the cap, `noThreshold: true` the soglia. It scores every year: 409 once a year is validated; once " +
            "the plan is adopted it needs `act` and `reason`, audited with the change."),
        ["ListIndicators"] = new("Every indicator of the plan, flat, with unit, polarity, weight, targets and aggregation."),
        ["GetIndicator"] = new("One indicator. The ETag header is the indicator's version, needed to update it.", ETag: true),
        ["UpdateIndicator"] = new("Changes an indicator's weight, targets (per year, as written) and metadata. Requires If-Match with the " +
            "ETag last read; targets are parsed and a bad one is a 400 naming its year."),
        // Targets per structure
        ["GetStructureTarget"] = new("The target a structure is scored against for the indicator and year: its own (own = true) or else the plan's. " +
            "The ETag header is the indicator's version, needed to set or remove a structure's target.", ETag: true,
            Parameters: new Dictionary<string, string> { ["indicator"] = IndicatorInPlan }),
        ["ListStructureTargets"] = new("Every structure of the plan with the target it is scored against for the indicator and year (own or the plan's).",
            Parameters: new Dictionary<string, string> { ["indicator"] = IndicatorInPlan }),
        ["SetStructureTarget"] = new("Sets a structure's own target for the indicator and year; its scorecard, ranking and Valore Pubblico use it instead " +
            "of the plan's. Requires If-Match with the indicator's ETag. Once the plan is adopted: act, date and reason, recorded as a reprogramming. " +
            "A validated year or a closure of the year → 409.", Parameters: new Dictionary<string, string> { ["indicator"] = IndicatorInPlan }),
        ["RemoveStructureTarget"] = new("Removes a structure's own target (Draft plans only; If-Match with the indicator's ETag): the plan's target applies again.",
            Parameters: new Dictionary<string, string> { ["indicator"] = IndicatorInPlan }),
        // Targets
        ["ParseTarget"] = new("Reads a target as plans write it (>=80%, <= 5gg, almeno 2 bandi, entro il 30/06/2024, +8% rispetto al 2023) " +
            "and answers its kind, operator, values and unit. A bare number needs the polarity; nothing is guessed. Stores nothing.", ReadOnly: true),
        // Actuals
        ["RecordActual"] = new("Records a consuntivo for one period: a value, a numerator/denominator pair (rates) or a milestone state. " +
            "A second post for the same period is a new revision (earlier ones stay readable). A closed period or a validated figure " +
            "without a reason is a 409; a figure that misses its target may need a justification (plan policy)."),
        ["ListActuals"] = new("The indicator's consuntivi by period, each with its full revision history (figures as entered, full precision)."),
        ["BulkRecordActuals"] = new("Records many consuntivi at once, all or nothing: every bad row is reported by JSON path " +
            "(actuals[7321].period) and nothing is stored. dryRun=true answers the revisions that would be created."),
        ["UploadActuals"] = new("The bulk load from the consuntivi template (CSV or XLSX), all or nothing; errors name the row and column " +
            "of the file. Send the file as a multipart part named file or as the raw body (text/csv or the XLSX media type)."),
        ["GetActualsTemplate"] = new("The consuntivi template to fill: one row per indicator and period with code, name, unit and target, " +
            "in Italian. Upload it back with POST …/actuals/upload."),
        // Review
        ["ListReviewQueue"] = new("Consuntivi awaiting action: status=Submitted is the OIV's queue; Draft or Returned is the office's."),
        ["SubmitActual"] = new("Submits a draft or returned consuntivo for the OIV's validation."),
        ["ValidateActual"] = new("The OIV validates a submitted consuntivo (never one it entered or submitted: four eyes); a validated " +
            "figure can then only be corrected by a new revision with a reason."),
        ["ReturnActual"] = new("The OIV returns a submitted consuntivo to the office with a reason, which opens the consuntivo's comment thread."),
        ["GetReviewQueueCounts"] = new("How many current consuntivi of the year are in each review status, in total and per structure."),
        ["SubmitActuals"] = new("Submits many consuntivi in one call, chosen by ids or by a filter (year required; structure, period, " +
            "indicator, status optional). All or nothing: one 409 lists every item that cannot be submitted and nothing is written."),
        ["ValidateActuals"] = new("The OIV validates many submitted consuntivi in one call (ids or a filter), all or nothing, one audit " +
            "entry per consuntivo; the four-eyes rule applies to each."),
        ["ReturnActuals"] = new("The OIV returns many submitted consuntivi in one call with one reason (ids or a filter), all or nothing."),
        ["ValidateYear"] = new("The OIV validates the year (for the Relazione sulla Performance) once every current consuntivo of it is validated."),
        ["ReopenYear"] = new("An Admin reopens a year the OIV validated, by an act and a reason (both audited); the OIV must validate it again."),
        ["GetYearStatus"] = new("The year's state: consuntivi by review status, closed periods and the OIV's validation."),
        // Closures
        ["ClosePeriod"] = new("Closes a period (or the whole year, period Y) to new consuntivi, with a reason."),
        ["ListClosures"] = new("The plan's closures, reopened ones included, with who and why."),
        ["ReopenPeriod"] = new("Reopens a closed period (Admin only), with a reason kept in the audit trail."),
        // Scores
        ["GetScorecard"] = new("The scored albero for a year: each node's weighted score and each indicator's target, consuntivo, " +
            "achievement, score, met and deviations, rounded to 2 decimals. score is null where nothing is scored, never 0. With period, " +
            "the monitoring at that period's end: expected value, progress, status (InLinea, ARischio, Critico) and year-end forecast.", RequiredQuery: Year,
            Parameters: new Dictionary<string, string>
            {
                ["year"] = ScoreYear,
                ["period"] = "Monitor at the end of this period of the year (S1, Q2, M05…); not together with forecast.",
                ["explain"] = "With period: true adds how each expected value and forecast was obtained.",
            }),
        ["GetIndicatorScore"] = new("One indicator's score for a year; explain=true adds the target as written and parsed, the consuntivi " +
            "used and ignored, the formula with its numbers and every policy step, at full precision.", RequiredQuery: Year,
            Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["GetNodeScore"] = new("One node's score for a year; explain=true adds each child's weight, normalised weight, score and exact " +
            "contribution (they sum to the exact score).", RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["GetPlanIndicatorTrend"] = new("The indicator year by year across the plans linked by roll forward: target, actual, achievement and score as each " +
            "year's scorecard gives them, from the latest plan with a figure for that year.", ReadOnly: true,
            Parameters: new Dictionary<string, string> { ["indicator"] = IndicatorInPlan }),
        ["GetIndicatorTrend"] = new("The indicator's year-to-date figure at the end of each period with a consuntivo and each plan " +
            "year's figure, with the target line (the dashboard's Andamento)."),
        ["RankStructures"] = new("Structures ranked by their scorecard score for a year.", RequiredQuery: Year,
            Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        // Valore Pubblico, projects, LGG
        ["GetPublicValue"] = new("Valore Pubblico for a year: per structure (with volumes), central, territorial, institute and per " +
            "value area; explain=true adds every scored item.", RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["GetProjectSummary"] = new("Project realization by value area, sub-area and project type, with counts of due and achieved KPIs.",
            RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["GetGuidelines"] = new("LGG attuazione for a year: each guideline's indicator score, projects' realization and, for OGE, the result.",
            RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        // Office exports
        ["ExportScorecard"] = new("The scorecard as a file (Italian headers): level, code, objective/indicator, structure, weight, target, " +
            "consuntivo, scostamento, grado, punteggio, stato, giustificazione.", RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["ExportRanking"] = new("The structures ranking as a file.", RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["ExportPublicValue"] = new("Valore Pubblico as a file: CSV structures × ambiti; XLSX structures, ambiti and totals.",
            RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["ExportGuidelines"] = new("LGG attuazione and OGE results as a file.", RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        ["GetRelazione"] = new("The tables of the Relazione sulla Performance for a year as one self-contained, printable, accessible " +
            "HTML document in Italian.", RequiredQuery: Year, Parameters: new Dictionary<string, string> { ["year"] = ScoreYear }),
        // Reprogramming
        ["ListReprogramming"] = new("The plan's reprogramming acts in order, each with before/after and the act that authorised it."),
        ["Reprogram"] = new("Records a reprogramming act (reassign a structure, merge or cancel a project, revise a target) effective " +
            "from its date; scores apply it from then on, the original plan stays visible."),
        // Monitoring
        ["ListDue"] = new("What the office must chase at a date (default today): consuntivi due and overdue and indicators gone stale, " +
            "grouped by structure and responsible person.",
            Parameters: new Dictionary<string, string> { ["asOf"] = "The date to look at (ISO date); default today in Italy." }),
        // Webhooks
        ["RegisterWebhook"] = new("Registers an endpoint of the organization (Admin): an absolute http(s) URL, the events to receive " +
            "(consuntivo.submitted, consuntivo.returned, consuntivo.validated, consuntivo.overdue, period.closed, year.validated) and a secret " +
            "of 16-256 characters that signs every body (X-Performance-Signature: sha256=HMAC-SHA256 of the raw body). The secret is stored encrypted and never answered back."),
        ["ListWebhooks"] = new("The organization's endpoints with their events, removed ones included; never their secrets."),
        ["DeleteWebhook"] = new("Removes an endpoint: its pending deliveries are cancelled, its delivery log stays readable."),
        ["ListWebhookDeliveries"] = new("The endpoint's delivery log, newest events first: state (Pending, Delivered, Failed, Cancelled), every " +
            "attempt with its status code or error, and when a pending delivery is tried next.",
            Parameters: new Dictionary<string, string>
            {
                ["state"] = "Only deliveries in this state.",
                ["take"] = "Deliveries to answer: 1 to 500, default 100 (total counts them all).",
            }),
        // Evidence: attachments, comments, forzature, verification samples, audit checkpoints
        ["ExportAuditCheckpoints"] = new("Signed checkpoints of the audit chain (the head now and the stored ones). Keep the file elsewhere: POST /api/audit/verify with it also finds entries removed from the end."),
        ["VerifyAuditWithCheckpoints"] = new("Verifies the audit trail against checkpoints exported earlier (GET /api/audit/checkpoints), so entries removed from its end are found too."),
        ["DeleteAttachment"] = new("Removes an attachment while the figure it supports is a draft or returned; never once validated or cited.", Parameters: new Dictionary<string, string> { ["id"] = "The attachment's id (as returned when it was created or listed)." }),
        ["DownloadAttachment"] = new("Downloads an attachment's bytes, always as an attachment (Content-Disposition) with its sniffed type.", Parameters: new Dictionary<string, string> { ["id"] = "The attachment's id (as returned when it was created or listed)." }),
        ["GetAttachmentMetadata"] = new("An attachment's metadata: what it supports, name, sniffed type, size, SHA-256, who uploaded it and when.", Parameters: new Dictionary<string, string> { ["id"] = "The attachment's id (as returned when it was created or listed)." }),
        ["ListActualAttachments"] = new("The fonti and evidenze attached to a consuntivo."),
        ["UploadActualAttachment"] = new("Attaches a fonte or evidenza to a consuntivo (a multipart part named file or the raw body); closed once the figure is validated.", Parameters: new Dictionary<string, string> { ["name"] = "The file name to store (default: the uploaded part's name).", ["description"] = "What the document is or proves (optional)." }),
        ["ListIndicatorAttachments"] = new("The documents attached to an indicator."),
        ["UploadIndicatorAttachment"] = new("Attaches a document to an indicator (a multipart part named file or the raw body).", Parameters: new Dictionary<string, string> { ["name"] = "The file name to store (default: the uploaded part's name).", ["description"] = "What the document is or proves (optional)." }),
        ["ListNodeAttachments"] = new("The documents attached to a node of the tree."),
        ["UploadNodeAttachment"] = new("Attaches a document to a node of the tree (a multipart part named file or the raw body).", Parameters: new Dictionary<string, string> { ["name"] = "The file name to store (default: the uploaded part's name).", ["description"] = "What the document is or proves (optional)." }),
        ["ListActualComments"] = new("The comment thread of a consuntivo, across all revisions of its period."),
        ["PostActualComment"] = new("Writes a comment in the thread of a consuntivo."),
        ["ListIndicatorComments"] = new("The comment thread of an indicator."),
        ["PostIndicatorComment"] = new("Writes a comment in the thread of an indicator."),
        ["ApproveForzatura"] = new("The OIV approves a proposed forzatura; never by whoever proposed it.", Parameters: new Dictionary<string, string> { ["id"] = "The forzatura's id (as returned when it was created or listed)." }),
        ["RejectForzatura"] = new("The OIV rejects a proposed forzatura with a reason; never by whoever proposed it.", Parameters: new Dictionary<string, string> { ["id"] = "The forzatura's id (as returned when it was created or listed)." }),
        ["ListPlanForzature"] = new("The forzature of a plan; status=Proposed is what awaits the OIV."),
        ["ListIndicatorForzature"] = new("The forzature of an indicator."),
        ["ProposeForzatura"] = new("Proposes a forzatura (non valutabile, or a forced score) for an indicator and year, with a reason and evidence; it applies once the OIV approves it."),
        ["GetValidationDocument"] = new("The documento di validazione della Relazione sulla Performance, as stored when the OIV validated the year."),
        ["CheckSampledActual"] = new("The OIV marks a sampled consuntivo Verified or NotVerified, with a note.", Parameters: new Dictionary<string, string> { ["sample"] = "The sample's id." }),
        ["DrawSample"] = new("Draws a reproducible random sample of the year's consuntivi for verification (OIV): seed, size or share, stratified by structure."),
        ["ListSamples"] = new("The verification samples of a year with their checks."),
        ["GetSample"] = new("A verification sample: seed, size, algorithm, the figures drawn and their checks.", Parameters: new Dictionary<string, string> { ["id"] = "The sample's id (as returned when it was created or listed)." }),
        // Audit
        ["ListAudit"] = new("The audit trail, newest first: who, when, what, before/after and why; filterable by plan, indicator, user and time."),
        ["VerifyAudit"] = new("Recomputes the audit trail's SHA-256 hash chain and names the first entry altered, removed or inserted."),
    };
}
