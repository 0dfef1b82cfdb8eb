using Microsoft.EntityFrameworkCore;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

/// <summary>The unit of work. No repository layer on top: handlers use the context directly.</summary>
public sealed class PerformanceDbContext(DbContextOptions<PerformanceDbContext> options) : DbContext(options)
{
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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PerformanceDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and stable when members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<string>().HaveMaxLength(2000);
    }
}
