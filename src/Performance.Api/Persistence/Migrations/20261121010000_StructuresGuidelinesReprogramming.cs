using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Performance.Api.Persistence;

namespace Performance.Api.Persistence.Migrations;

/// <summary>Common objectives assigned to many structures, the OGE indicator component, and mid-year reprogramming.</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261121010000_StructuresGuidelinesReprogramming")]
public sealed class StructuresGuidelinesReprogramming : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("NodeStructures", t => new
        {
            NodeId = t.Column<Guid>(nullable: false),
            StructureId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NodeStructures", x => new { x.NodeId, x.StructureId });
            t.ForeignKey("FK_NodeStructures_Nodes_NodeId", x => x.NodeId, "Nodes", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_NodeStructures_Structures_StructureId", x => x.StructureId, "Structures", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("GuidelineIndicators", t => new
        {
            GuidelineId = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<Guid>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GuidelineIndicators", x => new { x.GuidelineId, x.IndicatorId });
            t.ForeignKey("FK_GuidelineIndicators_Guidelines_GuidelineId", x => x.GuidelineId, "Guidelines", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_GuidelineIndicators_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("Reprogrammings", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            NodeId = t.Column<Guid>(nullable: false),
            ToStructureId = t.Column<Guid>(nullable: true),
            IntoNodeId = t.Column<Guid>(nullable: true),
            IndicatorId = t.Column<Guid>(nullable: true),
            Year = t.Column<int>(nullable: true),
            Target = t.Column<string>(maxLength: 500, nullable: true),
            Act = t.Column<string>(maxLength: 500, nullable: false),
            EffectiveDate = t.Column<DateOnly>(nullable: false),
            Reason = t.Column<string>(maxLength: 4000, nullable: true),
            RecordedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Reprogrammings", x => x.Id);
            t.ForeignKey("FK_Reprogrammings_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Reprogrammings_Nodes_NodeId", x => x.NodeId, "Nodes", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Reprogrammings_Nodes_IntoNodeId", x => x.IntoNodeId, "Nodes", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Reprogrammings_Structures_ToStructureId", x => x.ToStructureId, "Structures", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Reprogrammings_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateIndex("IX_NodeStructures_StructureId", "NodeStructures", "StructureId");
        m.CreateIndex("IX_GuidelineIndicators_IndicatorId", "GuidelineIndicators", "IndicatorId");
        m.CreateIndex("IX_Reprogrammings_IndicatorId", "Reprogrammings", "IndicatorId");
        m.CreateIndex("IX_Reprogrammings_IntoNodeId", "Reprogrammings", "IntoNodeId");
        m.CreateIndex("IX_Reprogrammings_NodeId", "Reprogrammings", "NodeId");
        m.CreateIndex("IX_Reprogrammings_PlanId_EffectiveDate", "Reprogrammings", ["PlanId", "EffectiveDate"]);
        m.CreateIndex("IX_Reprogrammings_ToStructureId", "Reprogrammings", "ToStructureId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("Reprogrammings");
        m.DropTable("GuidelineIndicators");
        m.DropTable("NodeStructures");
    }
}
