using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

// Codes are what people use, so every code is unique within its scope and backed by an index.
// References inside a plan are NO ACTION (checked at statement end) so deleting a plan cascades in one statement
// on both SQLite and PostgreSQL; the plan's own children cascade.

sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Description).HasMaxLength(8000);
        b.Property(x => x.ScoringPolicyJson).HasMaxLength(8000);
        b.Property(x => x.AdoptionAct).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.OrganizationId, x.Code }).IsUnique();
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Structures).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.ValueAreas).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Nodes).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Guidelines).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Reprogrammings).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => new { x.PlanId, x.Code }).IsUnique();
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Volumes).WithOne().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

sealed class StructureVolumeConfiguration : IEntityTypeConfiguration<StructureVolume>
{
    public void Configure(EntityTypeBuilder<StructureVolume> b) => b.HasIndex(x => new { x.StructureId, x.Year }).IsUnique();
}

sealed class ValueAreaConfiguration : IEntityTypeConfiguration<ValueArea>
{
    public void Configure(EntityTypeBuilder<ValueArea> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => new { x.PlanId, x.Code }).IsUnique();
        b.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.NoAction);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}

sealed class GuidelineConfiguration : IEntityTypeConfiguration<Guideline>
{
    public void Configure(EntityTypeBuilder<Guideline> b)
    {
        b.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
        b.HasMany(x => x.Projects).WithOne().HasForeignKey(x => x.GuidelineId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Indicators).WithOne().HasForeignKey(x => x.GuidelineId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class GuidelineProjectConfiguration : IEntityTypeConfiguration<GuidelineProject>
{
    public void Configure(EntityTypeBuilder<GuidelineProject> b)
    {
        b.HasKey(x => new { x.GuidelineId, x.NodeId });
        b.HasOne(x => x.Node).WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class NodeConfiguration : IEntityTypeConfiguration<Node>
{
    public void Configure(EntityTypeBuilder<Node> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Years).HasMaxLength(200);
        b.Property(x => x.Finalita).HasMaxLength(8000);
        b.Property(x => x.ResourcesJson).HasMaxLength(8000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.YearList);
        b.HasIndex(x => new { x.PlanId, x.Code }).IsUnique();
        b.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.Structure).WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.ValueArea).WithMany().HasForeignKey(x => x.ValueAreaId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.SubArea).WithMany().HasForeignKey(x => x.SubAreaId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Indicators).WithOne(x => x.Node).HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.AssignedStructures).WithOne().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.Property(x => x.Code).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.PlanId, x.Code }).IsUnique();
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ValueArea).WithMany().HasForeignKey(x => x.ValueAreaId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.StructureTargets).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Actuals).WithOne().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.Property(x => x.Text).HasMaxLength(500);
        b.HasIndex(x => new { x.IndicatorId, x.Year }).IsUnique();
    }
}

sealed class StructureTargetConfiguration : IEntityTypeConfiguration<StructureTarget>
{
    public void Configure(EntityTypeBuilder<StructureTarget> b)
    {
        b.Property(x => x.Text).HasMaxLength(500);
        // One target per indicator, structure and year, whoever writes.
        b.HasIndex(x => new { x.IndicatorId, x.StructureId, x.Year }).IsUnique();
        b.HasOne<Domain.Plans.Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class ActualConfiguration : IEntityTypeConfiguration<Actual>
{
    public void Configure(EntityTypeBuilder<Actual> b)
    {
        b.Property(x => x.Period).HasMaxLength(8);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.Property(x => x.Justification).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.Property(x => x.ReviewedBy).HasMaxLength(200);
        b.Property(x => x.SubmittedBy).HasMaxLength(200);
        b.Property(x => x.RecordedAs).HasMaxLength(32);
        b.Property(x => x.CorrectionReason).HasMaxLength(4000);
        b.Property(x => x.ReturnReason).HasMaxLength(4000);
        // One row per revision: the database refuses two writers creating the same revision (no lost update).
        b.HasIndex(x => new { x.IndicatorId, x.ScopeId, x.Year, x.Period, x.Revision }).IsUnique();
        // The version of the write that added the row (PlanPosition): a reader brought up to date reads this index's range only.
        b.Property<long>(PerformanceDbContext.ChangeColumn);
        b.HasIndex(PerformanceDbContext.ChangeColumn);
        b.HasOne<Domain.Plans.Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class NodeStructureConfiguration : IEntityTypeConfiguration<NodeStructure>
{
    public void Configure(EntityTypeBuilder<NodeStructure> b)
    {
        b.HasKey(x => new { x.NodeId, x.StructureId });
        b.HasOne<Domain.Plans.Structure>().WithMany().HasForeignKey(x => x.StructureId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class GuidelineIndicatorConfiguration : IEntityTypeConfiguration<GuidelineIndicator>
{
    public void Configure(EntityTypeBuilder<GuidelineIndicator> b)
    {
        b.HasKey(x => new { x.GuidelineId, x.IndicatorId });
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class ReprogrammingConfiguration : IEntityTypeConfiguration<Reprogramming>
{
    public void Configure(EntityTypeBuilder<Reprogramming> b)
    {
        b.Property(x => x.Act).HasMaxLength(500);
        b.Property(x => x.Target).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(4000);
        b.HasIndex(x => new { x.PlanId, x.EffectiveDate });
        b.HasOne(x => x.Node).WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.IntoNode).WithMany().HasForeignKey(x => x.IntoNodeId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.ToStructure).WithMany().HasForeignKey(x => x.ToStructureId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<Domain.Audit.AuditEntry>
{
    public void Configure(EntityTypeBuilder<Domain.Audit.AuditEntry> b)
    {
        b.HasIndex(x => x.Sequence).IsUnique();
        b.HasIndex(x => new { x.PlanId, x.At });
        b.HasIndex(x => x.IndicatorId);
        b.Property(x => x.Actor).HasMaxLength(200);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.Organization).HasMaxLength(64);
        b.Property(x => x.EntityType).HasMaxLength(64);
        b.Property(x => x.EntityCode).HasMaxLength(200);
        b.Property(x => x.Action).HasMaxLength(64);
        b.Property(x => x.Reason).HasMaxLength(4000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.Signature).HasMaxLength(64);
        // Whole documents and batches: unbounded text on both engines.
        b.Property(x => x.Before).Metadata.SetMaxLength(null);
        b.Property(x => x.After).Metadata.SetMaxLength(null);
        b.Property(x => x.Rows).Metadata.SetMaxLength(null);
    }
}

sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<Domain.Audit.AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<Domain.Audit.AuditCheckpoint> b)
    {
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.Signature).HasMaxLength(64);
        b.HasIndex(x => x.Sequence);
    }
}

sealed class WriteLockConfiguration : IEntityTypeConfiguration<WriteLock>
{
    public void Configure(EntityTypeBuilder<WriteLock> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
    }
}

sealed class PeriodClosureConfiguration : IEntityTypeConfiguration<PeriodClosure>
{
    public void Configure(EntityTypeBuilder<PeriodClosure> b)
    {
        b.Property(x => x.Period).HasMaxLength(8);
        b.Property(x => x.ClosedBy).HasMaxLength(200);
        b.Property(x => x.ReopenedBy).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(4000);
        b.Property(x => x.ReopenReason).HasMaxLength(4000);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => new { x.PlanId, x.Year });
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class YearValidationConfiguration : IEntityTypeConfiguration<YearValidation>
{
    public void Configure(EntityTypeBuilder<YearValidation> b)
    {
        b.Property(x => x.ValidatedBy).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.HasIndex(x => new { x.PlanId, x.Year }).IsUnique();
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
