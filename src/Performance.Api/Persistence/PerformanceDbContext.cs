using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Domain.Audit;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

/// <summary>The unit of work. No repository layer on top: handlers use the context directly.</summary>
public sealed class PerformanceDbContext(
    DbContextOptions<PerformanceDbContext> options, AccessScope? scope = null, AuditKey? auditKey = null, TimeProvider? time = null) : DbContext(options)
{
    /// <summary>Who is asking: lookups hide other organizations' data behind a 404. Null outside a request scope.</summary>
    public AccessScope? Scope { get; } = scope;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<Structure> Structures => Set<Structure>();
    public DbSet<StructureVolume> StructureVolumes => Set<StructureVolume>();
    public DbSet<ValueArea> ValueAreas => Set<ValueArea>();
    public DbSet<Guideline> Guidelines => Set<Guideline>();
    public DbSet<GuidelineProject> GuidelineProjects => Set<GuidelineProject>();
    public DbSet<Node> Nodes => Set<Node>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<StructureTarget> StructureTargets => Set<StructureTarget>();
    public DbSet<Actual> Actuals => Set<Actual>();
    public DbSet<NodeStructure> NodeStructures => Set<NodeStructure>();
    public DbSet<GuidelineIndicator> GuidelineIndicators => Set<GuidelineIndicator>();
    public DbSet<Reprogramming> Reprogrammings => Set<Reprogramming>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<PeriodClosure> PeriodClosures => Set<PeriodClosure>();
    public DbSet<YearValidation> YearValidations => Set<YearValidation>();
    public DbSet<WriteLock> WriteLocks => Set<WriteLock>();

    /// <summary>Audited rows written around the change tracker (bulk inserts, a replaced plan), for the next audit entry.</summary>
    internal AuditAppend.Untracked UntrackedRows { get; } = new();

    /// <summary>Webhook events recorded in this unit of work and not yet given their deliveries (<see cref="WebhookOutbox"/>).</summary>
    internal List<WebhookEvent> OutboxEvents { get; } = [];

    /// <summary>Plans found by key in this unit of work (PlanLookups.FindPlanAsync), tracked.</summary>
    internal Dictionary<string, Plan> FoundPlans { get; } = new(StringComparer.Ordinal);

    /// <summary>The locked plan write this context is in (<see cref="WriteLocks.BeginAsync"/>), null outside one.</summary>
    internal PlanChange? Change { get; set; }

    /// <summary>A bulk insert of this unit of work filled SQLite's enlarged page cache (<see cref="BulkInsert"/>): the C heap is
    /// trimmed when its locked write ends, committed or not (<see cref="NativeHeap"/>).</summary>
    internal bool LargeBulkWrite { get; set; }

    /// <summary>The shadow column of consuntivi: the version of the write that added the row (<see cref="PlanPosition"/>).</summary>
    public const string ChangeColumn = "Change";

    /// <summary>The shadow values a bulk insert of consuntivi writes in this locked write (<see cref="BulkInsert"/>).</summary>
    internal IReadOnlyDictionary<string, object?> ChangeStamp() => new Dictionary<string, object?>
    {
        [ChangeColumn] = Change?.Version ?? throw new InvalidOperationException("Consuntivi are written under their plan's lock (BeginPlanWriteAsync)."),
    };

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// A save that records audit entries appends them to the chain in its own transaction (or the caller's), under the
    /// chain's lock: sequence numbers never collide, so unrelated writers never fail on them.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Webhook events get their deliveries in the same save (and transaction) as the change they report.
        await WebhookOutbox.FanOutAsync(this, cancellationToken);
        StampChange();
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var key = auditKey ?? throw new InvalidOperationException("Audit entries need the audit key: resolve the context from the service provider.");
        var clock = time ?? TimeProvider.System;
        if (Database.CurrentTransaction is not null)
        {
            await AuditAppend.ChainAsync(this, added, key, clock, cancellationToken);
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        await AuditAppend.ChainAsync(this, added, key, clock, cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>
    /// Stamps new consuntivi with their write's version (readers of the plan's state find them by it), and holds a write
    /// declared <see cref="PlanWrite.NewConsuntivi"/> to that: any other change of plan data would be missed by those readers.
    /// </summary>
    private void StampChange()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry is { Entity: Actual, State: EntityState.Added })
            {
                // Every consuntivo is written under its plan's lock (RecordActual, BulkRecordActuals).
                entry.Property(ChangeColumn).CurrentValue = Change?.Version
                    ?? throw new InvalidOperationException("A consuntivo is written under its plan's lock (BeginPlanWriteAsync).");
                continue;
            }
            if (Change?.Write == PlanWrite.NewConsuntivi && entry.Entity is not (AuditEntry or AuditCheckpoint or WebhookEvent or WebhookDelivery))
                throw new InvalidOperationException($"A write declared {nameof(PlanWrite.NewConsuntivi)} changes {entry.Metadata.ClrType.Name} ({entry.State}).");
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PerformanceDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<string>().HaveMaxLength(2000);
    }
}
