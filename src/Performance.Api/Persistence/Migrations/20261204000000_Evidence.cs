using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>Evidence and judgement: attachments and their bytes, comments, forzature, verification samples, validation documents.</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261204000000_Evidence")]
public sealed class Evidence : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Attachments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Owner = t.Column<string>(maxLength: 32, nullable: false),
            ActualId = t.Column<Guid>(nullable: true),
            IndicatorId = t.Column<Guid>(nullable: true),
            NodeId = t.Column<Guid>(nullable: true),
            FileName = t.Column<string>(maxLength: 255, nullable: false),
            ContentType = t.Column<string>(maxLength: 200, nullable: false),
            DeclaredContentType = t.Column<string>(maxLength: 200, nullable: true),
            Size = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            Storage = t.Column<string>(maxLength: 32, nullable: false),
            Description = t.Column<string>(maxLength: 4000, nullable: true),
            UploadedAt = t.Column<DateTime>(nullable: false),
            UploadedBy = t.Column<string>(maxLength: 200, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Attachments", x => x.Id);
            t.ForeignKey("FK_Attachments_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Attachments_Actuals_ActualId", x => x.ActualId, "Actuals", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Attachments_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Attachments_Nodes_NodeId", x => x.NodeId, "Nodes", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("AttachmentContents", t => new
        {
            AttachmentId = t.Column<Guid>(nullable: false),
            Bytes = t.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AttachmentContents", x => x.AttachmentId);
            t.ForeignKey("FK_AttachmentContents_Attachments_AttachmentId", x => x.AttachmentId, "Attachments", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Comments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<Guid>(nullable: false),
            ActualId = t.Column<Guid>(nullable: true),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Text = t.Column<string>(maxLength: 4000, nullable: false),
            Author = t.Column<string>(maxLength: 200, nullable: false),
            AuthorRole = t.Column<string>(maxLength: 32, nullable: false),
            At = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Comments", x => x.Id);
            t.ForeignKey("FK_Comments_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Comments_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Comments_Actuals_ActualId", x => x.ActualId, "Actuals", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("Forzature", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Score = t.Column<decimal>(nullable: true),
            Reason = t.Column<string>(maxLength: 4000, nullable: false),
            ProposedBy = t.Column<string>(maxLength: 200, nullable: false),
            ProposedAt = t.Column<DateTime>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            DecidedBy = t.Column<string>(maxLength: 200, nullable: true),
            DecidedAt = t.Column<DateTime>(nullable: true),
            DecisionNote = t.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Forzature", x => x.Id);
            t.ForeignKey("FK_Forzature_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Forzature_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("ForzaturaEvidence", t => new
        {
            ForzaturaId = t.Column<Guid>(nullable: false),
            AttachmentId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ForzaturaEvidence", x => new { x.ForzaturaId, x.AttachmentId });
            t.ForeignKey("FK_ForzaturaEvidence_Forzature_ForzaturaId", x => x.ForzaturaId, "Forzature", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ForzaturaEvidence_Attachments_AttachmentId", x => x.AttachmentId, "Attachments", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("VerificationSamples", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Draw = t.Column<int>(nullable: false),
            Seed = t.Column<long>(nullable: false),
            Share = t.Column<decimal>(nullable: true),
            Size = t.Column<int>(nullable: false),
            Population = t.Column<int>(nullable: false),
            Algorithm = t.Column<string>(maxLength: 200, nullable: false),
            DrawnAt = t.Column<DateTime>(nullable: false),
            DrawnBy = t.Column<string>(maxLength: 200, nullable: false),
            Reason = t.Column<string>(maxLength: 4000, nullable: true),
            SupersededById = t.Column<Guid>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_VerificationSamples", x => x.Id);
            t.ForeignKey("FK_VerificationSamples_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("SampledActuals", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            SampleId = t.Column<Guid>(nullable: false),
            ActualId = t.Column<Guid>(nullable: false),
            Stratum = t.Column<string>(maxLength: 64, nullable: false),
            Position = t.Column<int>(nullable: false),
            Outcome = t.Column<string>(maxLength: 32, nullable: false),
            Note = t.Column<string>(maxLength: 4000, nullable: true),
            CheckedBy = t.Column<string>(maxLength: 200, nullable: true),
            CheckedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SampledActuals", x => x.Id);
            t.ForeignKey("FK_SampledActuals_VerificationSamples_SampleId", x => x.SampleId, "VerificationSamples", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SampledActuals_Actuals_ActualId", x => x.ActualId, "Actuals", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("ValidationDocuments", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            YearValidationId = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            Content = t.Column<byte[]>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ValidationDocuments", x => x.Id);
            t.ForeignKey("FK_ValidationDocuments_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateIndex("IX_Attachments_PlanId", "Attachments", "PlanId");
        m.CreateIndex("IX_Attachments_ActualId", "Attachments", "ActualId");
        m.CreateIndex("IX_Attachments_IndicatorId", "Attachments", "IndicatorId");
        m.CreateIndex("IX_Attachments_NodeId", "Attachments", "NodeId");
        m.CreateIndex("IX_Comments_PlanId", "Comments", "PlanId");
        m.CreateIndex("IX_Comments_IndicatorId_At", "Comments", ["IndicatorId", "At"]);
        m.CreateIndex("IX_Comments_ActualId", "Comments", "ActualId");
        m.CreateIndex("IX_Forzature_PlanId_Year", "Forzature", ["PlanId", "Year"]);
        m.CreateIndex("IX_Forzature_IndicatorId_Year", "Forzature", ["IndicatorId", "Year"]);
        m.CreateIndex("IX_Forzature_IndicatorId_Year_Proposed", "Forzature", ["IndicatorId", "Year"], unique: true, filter: "\"Status\" = 'Proposed'");
        m.CreateIndex("IX_ForzaturaEvidence_AttachmentId", "ForzaturaEvidence", "AttachmentId");
        m.CreateIndex("IX_VerificationSamples_PlanId_Year_Draw", "VerificationSamples", ["PlanId", "Year", "Draw"], unique: true);
        m.CreateIndex("IX_SampledActuals_SampleId_ActualId", "SampledActuals", ["SampleId", "ActualId"], unique: true);
        m.CreateIndex("IX_SampledActuals_ActualId", "SampledActuals", "ActualId");
        m.CreateIndex("IX_ValidationDocuments_YearValidationId", "ValidationDocuments", "YearValidationId", unique: true);
        m.CreateIndex("IX_ValidationDocuments_PlanId_Year", "ValidationDocuments", ["PlanId", "Year"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "ValidationDocuments", "SampledActuals", "VerificationSamples", "ForzaturaEvidence", "Forzature", "Comments", "AttachmentContents", "Attachments" })
            m.DropTable(table);
    }
}
