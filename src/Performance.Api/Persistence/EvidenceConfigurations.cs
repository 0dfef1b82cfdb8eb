using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Performance.Domain.Evidence;
using Performance.Domain.Plans;

namespace Performance.Api.Persistence;

// Evidence and judgement (docs/evidence.md): attachments and their bytes, comments, forzature, verification samples and
// validation documents. Everything hangs off its plan (cascade); references inside a plan are NO ACTION, as elsewhere.
// The context has no DbSet for these: handlers use db.Set<T>(), and these configurations put the types in the model.

sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.ToTable("Attachments");
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(200);
        b.Property(x => x.DeclaredContentType).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.Storage).HasMaxLength(32);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.UploadedBy).HasMaxLength(200);
        b.HasIndex(x => x.ActualId);
        b.HasIndex(x => x.IndicatorId);
        b.HasIndex(x => x.NodeId);
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Actual>().WithMany().HasForeignKey(x => x.ActualId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Node>().WithMany().HasForeignKey(x => x.NodeId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> b)
    {
        b.ToTable("AttachmentContents");
        b.HasKey(x => x.AttachmentId);
        b.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(x => x.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.ToTable("Comments");
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.Author).HasMaxLength(200);
        b.Property(x => x.AuthorRole).HasMaxLength(32);
        b.HasIndex(x => new { x.IndicatorId, x.At });
        b.HasIndex(x => x.ActualId);
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Actual>().WithMany().HasForeignKey(x => x.ActualId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class ForzaturaConfiguration : IEntityTypeConfiguration<Forzatura>
{
    public void Configure(EntityTypeBuilder<Forzatura> b)
    {
        b.ToTable("Forzature");
        b.Property(x => x.Reason).HasMaxLength(4000);
        b.Property(x => x.ProposedBy).HasMaxLength(200);
        b.Property(x => x.DecidedBy).HasMaxLength(200);
        b.Property(x => x.DecisionNote).HasMaxLength(4000);
        // Two decisions racing on one proposal: the second finds it no longer Proposed and fails, never both recorded.
        b.Property(x => x.Status).IsConcurrencyToken();
        b.HasIndex(x => new { x.PlanId, x.Year });
        b.HasIndex(x => new { x.IndicatorId, x.Year });
        // One proposal waits at a time per indicator and year, also when two are sent at the same moment.
        b.HasIndex(x => new { x.IndicatorId, x.Year }, "IX_Forzature_IndicatorId_Year_Proposed").IsUnique().HasFilter("\"Status\" = 'Proposed'");
        // One forzatura in force per indicator and year: a second approval supersedes the first (in an earlier statement).
        b.HasIndex(x => new { x.IndicatorId, x.Year }, "IX_Forzature_IndicatorId_Year_Approved").IsUnique().HasFilter("\"Status\" = 'Approved'");
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Indicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.ForzaturaId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class ForzaturaEvidenceConfiguration : IEntityTypeConfiguration<ForzaturaEvidence>
{
    public void Configure(EntityTypeBuilder<ForzaturaEvidence> b)
    {
        b.ToTable("ForzaturaEvidence");
        b.HasKey(x => new { x.ForzaturaId, x.AttachmentId });
        // A cited attachment cannot be deleted: the database refuses it too.
        b.HasOne<Attachment>().WithMany().HasForeignKey(x => x.AttachmentId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class VerificationSampleConfiguration : IEntityTypeConfiguration<VerificationSample>
{
    public void Configure(EntityTypeBuilder<VerificationSample> b)
    {
        b.ToTable("VerificationSamples");
        b.Property(x => x.Algorithm).HasMaxLength(200);
        b.Property(x => x.DrawnBy).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(4000);
        // Two draws racing for the same year (the first, or a redraw) want the same number: the unique index lets one in.
        b.HasIndex(x => new { x.PlanId, x.Year, x.Draw }).IsUnique();
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class SampledActualConfiguration : IEntityTypeConfiguration<SampledActual>
{
    public void Configure(EntityTypeBuilder<SampledActual> b)
    {
        b.ToTable("SampledActuals");
        b.Property(x => x.Stratum).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.Property(x => x.CheckedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.SampleId, x.ActualId }).IsUnique();
        b.HasOne<Actual>().WithMany().HasForeignKey(x => x.ActualId).OnDelete(DeleteBehavior.NoAction);
    }
}

sealed class ValidationDocumentConfiguration : IEntityTypeConfiguration<ValidationDocument>
{
    public void Configure(EntityTypeBuilder<ValidationDocument> b)
    {
        b.ToTable("ValidationDocuments");
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.HasIndex(x => x.YearValidationId).IsUnique();
        b.HasIndex(x => new { x.PlanId, x.Year });
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
