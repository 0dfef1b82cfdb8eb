using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Performance.Api.Persistence;

namespace Performance.Api.Persistence.Migrations;

/// <summary>The hash-chained audit trail, the OIV review fields of consuntivi, period closures and year validation.</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261121020000_TrustAuditWorkflowClosures")]
public sealed class TrustAuditWorkflowClosures : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("CorrectionReason", "Actuals", maxLength: 4000, nullable: true);
        m.AddColumn<string>("ReturnReason", "Actuals", maxLength: 4000, nullable: true);
        m.AddColumn<string>("ReviewedBy", "Actuals", maxLength: 200, nullable: true);
        m.AddColumn<DateTime>("ReviewedAt", "Actuals", nullable: true);

        m.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Sequence = t.Column<long>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Actor = t.Column<string>(maxLength: 200, nullable: false),
            Role = t.Column<string>(maxLength: 32, nullable: false),
            Organization = t.Column<string>(maxLength: 64, nullable: true),
            PlanId = t.Column<Guid>(nullable: true),
            IndicatorId = t.Column<Guid>(nullable: true),
            EntityType = t.Column<string>(maxLength: 64, nullable: false),
            EntityId = t.Column<Guid>(nullable: true),
            EntityCode = t.Column<string>(maxLength: 200, nullable: true),
            Action = t.Column<string>(maxLength: 64, nullable: false),
            Before = t.Column<string>(nullable: true),
            After = t.Column<string>(nullable: true),
            Reason = t.Column<string>(maxLength: 4000, nullable: true),
            PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));

        m.CreateTable("PeriodClosures", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Period = t.Column<string>(maxLength: 8, nullable: false),
            ClosedAt = t.Column<DateTime>(nullable: false),
            ClosedBy = t.Column<string>(maxLength: 200, nullable: false),
            Reason = t.Column<string>(maxLength: 4000, nullable: true),
            ReopenedAt = t.Column<DateTime>(nullable: true),
            ReopenedBy = t.Column<string>(maxLength: 200, nullable: true),
            ReopenReason = t.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PeriodClosures", x => x.Id);
            t.ForeignKey("FK_PeriodClosures_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("YearValidations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            ValidatedAt = t.Column<DateTime>(nullable: false),
            ValidatedBy = t.Column<string>(maxLength: 200, nullable: false),
            Note = t.Column<string>(maxLength: 4000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_YearValidations", x => x.Id);
            t.ForeignKey("FK_YearValidations_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateIndex("IX_AuditEntries_Sequence", "AuditEntries", "Sequence", unique: true);
        m.CreateIndex("IX_AuditEntries_PlanId_At", "AuditEntries", ["PlanId", "At"]);
        m.CreateIndex("IX_AuditEntries_IndicatorId", "AuditEntries", "IndicatorId");
        m.CreateIndex("IX_PeriodClosures_PlanId_Year", "PeriodClosures", ["PlanId", "Year"]);
        m.CreateIndex("IX_YearValidations_PlanId_Year", "YearValidations", ["PlanId", "Year"], unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("YearValidations");
        m.DropTable("PeriodClosures");
        m.DropTable("AuditEntries");
        foreach (var column in new[] { "CorrectionReason", "ReturnReason", "ReviewedBy", "ReviewedAt" }) m.DropColumn(column, "Actuals");
    }
}
