namespace Performance.Api.Infrastructure.Security;

/// <summary>The five roles of docs/workflow.md and the policies endpoints require.</summary>
public static class Roles
{
    public const string Admin = nameof(Admin);
    public const string ControlloGestione = nameof(ControlloGestione);
    public const string Referente = nameof(Referente);
    public const string Oiv = nameof(Oiv);
    public const string Viewer = nameof(Viewer);

    public static readonly string[] All = [Admin, ControlloGestione, Referente, Oiv, Viewer];
}

public static class Policies
{
    /// <summary>Scores and dashboards: every role, Viewer included.</summary>
    public const string ReadScores = nameof(ReadScores);
    /// <summary>Plan content, consuntivi, exports: everyone but Viewer.</summary>
    public const string ReadPlans = nameof(ReadPlans);
    /// <summary>Build and change plans, targets, weights, structures, reprogramming.</summary>
    public const string EditPlans = nameof(EditPlans);
    /// <summary>Enter consuntivi (Referenti only for their structures).</summary>
    public const string RecordActuals = nameof(RecordActuals);
    /// <summary>Validate or return consuntivi and the year: the OIV alone (four eyes: the office never certifies its own figures).</summary>
    public const string Validate = nameof(Validate);
    /// <summary>Read and verify the audit trail.</summary>
    public const string Audit = nameof(Audit);
    /// <summary>Close periods.</summary>
    public const string ClosePeriods = nameof(ClosePeriods);
    /// <summary>Reopen closed periods: Admin only, with a reason.</summary>
    public const string Reopen = nameof(Reopen);
    /// <summary>Register, list and remove the organization's webhooks and read their delivery log: Admin only (the URLs are where data goes).</summary>
    public const string ManageWebhooks = nameof(ManageWebhooks);

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [ReadScores] = Roles.All,
        [ReadPlans] = [Roles.Admin, Roles.ControlloGestione, Roles.Referente, Roles.Oiv],
        [EditPlans] = [Roles.Admin, Roles.ControlloGestione],
        [RecordActuals] = [Roles.Admin, Roles.ControlloGestione, Roles.Referente],
        [Validate] = [Roles.Oiv],
        [Audit] = [Roles.Admin, Roles.ControlloGestione, Roles.Oiv],
        [ClosePeriods] = [Roles.Admin, Roles.ControlloGestione],
        [Reopen] = [Roles.Admin],
        [ManageWebhooks] = [Roles.Admin],
    };
}

/// <summary>Claim types shared by API keys and bearer tokens (docs/workflow.md: role and organization come from "role" and "org").</summary>
public static class Claims
{
    public const string Name = "name";
    /// <summary>The subject (OIDC): who the caller is when the token has no name.</summary>
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Organization = "org";
    public const string Structures = "structures";
    /// <summary>The organization value that means every organization (platform administrators).</summary>
    public const string AllOrganizations = "*";
}
