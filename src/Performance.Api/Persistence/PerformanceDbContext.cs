using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Domain.Audit;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

/// <summary>The unit of work. No repository layer on top: handlers use the context directly.</summary>
public sealed class PerformanceDbContext(DbContextOptions<PerformanceDbContext> options, AccessScope? scope = null) : DbContext(options)
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
    public DbSet<Actual> Actuals => Set<Actual>();
    public DbSet<NodeStructure> NodeStructures => Set<NodeStructure>();
    public DbSet<GuidelineIndicator> GuidelineIndicators => Set<GuidelineIndicator>();
    public DbSet<Reprogramming> Reprogrammings => Set<Reprogramming>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PeriodClosure> PeriodClosures => Set<PeriodClosure>();
    public DbSet<YearValidation> YearValidations => Set<YearValidation>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var first = await ChainAuditEntriesAsync(cancellationToken);
            try
            {
                return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsConflict(e) && attempt < 3 && first is not null && Database.CurrentTransaction is null)
            {
                // Another writer took our audit sequence number first: link to the new end of the chain and try again,
                // so the save succeeds or fails on its own merits (a stale ETag then answers 412, not a chain clash).
                if (!await ChainMovedPastAsync(first.Value, cancellationToken)) throw;
            }
        }
    }

    private async Task<bool> ChainMovedPastAsync(long sequence, CancellationToken ct) =>
        await AuditEntries.AsNoTracking().AnyAsync(a => a.Sequence >= sequence, ct);

    /// <summary>
    /// Links new audit entries to the end of the chain, in the same save as the change they record. Two writers racing
    /// for the same sequence number collide on its unique index: one save fails whole, the chain never forks.
    /// </summary>
    /// <returns>The first sequence number given, or null when there was nothing to chain.</returns>
    private async Task<long?> ChainAuditEntriesAsync(CancellationToken ct)
    {
        var added = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0) return null;
        var last = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        var (sequence, hash) = (last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
        foreach (var entry in added)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = hash;
            entry.Hash = hash = AuditChain.ComputeHash(entry);
        }
        return added[0].Sequence;
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
