using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// Targets per indicator × structure × year (one each: unique key), the structure an act revising such a target names,
/// and the links from a rolled-forward plan's nodes and indicators to the ones they were copied from. The links carry no
/// foreign key on purpose: the source plan may be deleted, the new plan stays.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261208000000_StructureTargetsAndRollover")]
public sealed class StructureTargetsAndRollover : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("StructureTargets", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<Guid>(nullable: false),
            StructureId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Text = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_StructureTargets", x => x.Id);
            t.ForeignKey("FK_StructureTargets_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_StructureTargets_Structures_StructureId", x => x.StructureId, "Structures", "Id", onDelete: ReferentialAction.NoAction);
        });
        m.CreateIndex("IX_StructureTargets_IndicatorId_StructureId_Year", "StructureTargets", ["IndicatorId", "StructureId", "Year"], unique: true);
        m.CreateIndex("IX_StructureTargets_StructureId", "StructureTargets", "StructureId");
        m.AddColumn<Guid>("StructureId", "Reprogrammings", nullable: true);
        m.AddColumn<Guid>("SourceNodeId", "Nodes", nullable: true);
        m.AddColumn<Guid>("SourceIndicatorId", "Indicators", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("SourceIndicatorId", "Indicators");
        m.DropColumn("SourceNodeId", "Nodes");
        m.DropColumn("StructureId", "Reprogrammings");
        m.DropTable("StructureTargets");
    }
}
