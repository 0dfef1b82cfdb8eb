using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Performance.Api.Persistence;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// Hand-written (Microsoft.EntityFrameworkCore.Design is not served here) and provider-neutral: no column types,
/// so SQLite and PostgreSQL each map the CLR types. MigratedSchemaTests proves the result equals the EF model.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261121000000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Organizations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 2000, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Organizations", x => x.Id));

        m.CreateTable("Plans", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Title = t.Column<string>(maxLength: 2000, nullable: false),
            Description = t.Column<string>(maxLength: 8000, nullable: true),
            StartYear = t.Column<int>(nullable: false),
            EndYear = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            ScoringPolicyJson = t.Column<string>(maxLength: 8000, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            Version = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Plans", x => x.Id);
            t.ForeignKey("FK_Plans_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("Structures", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 2000, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Type = t.Column<string>(maxLength: 2000, nullable: true),
            Region = t.Column<string>(maxLength: 2000, nullable: true),
            ParentId = t.Column<Guid>(nullable: true),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Structures", x => x.Id);
            t.ForeignKey("FK_Structures_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Structures_Structures_ParentId", x => x.ParentId, "Structures", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("StructureVolumes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            StructureId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Volume = t.Column<decimal>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_StructureVolumes", x => x.Id);
            t.ForeignKey("FK_StructureVolumes_Structures_StructureId", x => x.StructureId, "Structures", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("ValueAreas", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 2000, nullable: false),
            Weight = t.Column<decimal>(nullable: false),
            ParentId = t.Column<Guid>(nullable: true),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ValueAreas", x => x.Id);
            t.ForeignKey("FK_ValueAreas_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ValueAreas_ValueAreas_ParentId", x => x.ParentId, "ValueAreas", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("Guidelines", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Title = t.Column<string>(maxLength: 2000, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Programmes = t.Column<string>(maxLength: 2000, nullable: false),
            Justification = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Guidelines", x => x.Id);
            t.ForeignKey("FK_Guidelines_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Nodes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            ParentId = t.Column<Guid>(nullable: true),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Kind = t.Column<string>(maxLength: 32, nullable: false),
            Title = t.Column<string>(maxLength: 2000, nullable: false),
            Finalita = t.Column<string>(maxLength: 8000, nullable: true),
            Weight = t.Column<decimal>(nullable: false),
            StructureId = t.Column<Guid>(nullable: true),
            Responsible = t.Column<string>(maxLength: 2000, nullable: true),
            ValueAreaId = t.Column<Guid>(nullable: true),
            SubAreaId = t.Column<Guid>(nullable: true),
            ProjectType = t.Column<string>(maxLength: 32, nullable: true),
            Years = t.Column<string>(maxLength: 200, nullable: false),
            ResourcesJson = t.Column<string>(maxLength: 8000, nullable: true),
            SortOrder = t.Column<int>(nullable: false),
            Version = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Nodes", x => x.Id);
            t.ForeignKey("FK_Nodes_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Nodes_Nodes_ParentId", x => x.ParentId, "Nodes", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Nodes_Structures_StructureId", x => x.StructureId, "Structures", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Nodes_ValueAreas_ValueAreaId", x => x.ValueAreaId, "ValueAreas", "Id", onDelete: ReferentialAction.NoAction);
            t.ForeignKey("FK_Nodes_ValueAreas_SubAreaId", x => x.SubAreaId, "ValueAreas", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("GuidelineProjects", t => new
        {
            GuidelineId = t.Column<Guid>(nullable: false),
            NodeId = t.Column<Guid>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_GuidelineProjects", x => new { x.GuidelineId, x.NodeId });
            t.ForeignKey("FK_GuidelineProjects_Guidelines_GuidelineId", x => x.GuidelineId, "Guidelines", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_GuidelineProjects_Nodes_NodeId", x => x.NodeId, "Nodes", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("Indicators", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            PlanId = t.Column<Guid>(nullable: false),
            NodeId = t.Column<Guid>(nullable: false),
            Code = t.Column<string>(maxLength: 64, nullable: false),
            Name = t.Column<string>(maxLength: 2000, nullable: false),
            Type = t.Column<string>(maxLength: 32, nullable: true),
            Unit = t.Column<string>(maxLength: 32, nullable: true),
            Polarity = t.Column<string>(maxLength: 32, nullable: true),
            Weight = t.Column<decimal>(nullable: false),
            BaselineYear = t.Column<int>(nullable: true),
            BaselineValue = t.Column<decimal>(nullable: true),
            Formula = t.Column<string>(maxLength: 2000, nullable: true),
            NumeratorLabel = t.Column<string>(maxLength: 2000, nullable: true),
            DenominatorLabel = t.Column<string>(maxLength: 2000, nullable: true),
            Source = t.Column<string>(maxLength: 2000, nullable: true),
            Frequency = t.Column<string>(maxLength: 32, nullable: false),
            Aggregation = t.Column<string>(maxLength: 32, nullable: false),
            Cap = t.Column<decimal>(nullable: true),
            ValueAreaId = t.Column<Guid>(nullable: true),
            SortOrder = t.Column<int>(nullable: false),
            Version = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Indicators", x => x.Id);
            t.ForeignKey("FK_Indicators_Plans_PlanId", x => x.PlanId, "Plans", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Indicators_Nodes_NodeId", x => x.NodeId, "Nodes", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Indicators_ValueAreas_ValueAreaId", x => x.ValueAreaId, "ValueAreas", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateTable("IndicatorTargets", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Text = t.Column<string>(maxLength: 500, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_IndicatorTargets", x => x.Id);
            t.ForeignKey("FK_IndicatorTargets_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("Actuals", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            IndicatorId = t.Column<Guid>(nullable: false),
            StructureId = t.Column<Guid>(nullable: true),
            ScopeId = t.Column<Guid>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Period = t.Column<string>(maxLength: 8, nullable: false),
            Revision = t.Column<int>(nullable: false),
            Value = t.Column<decimal>(nullable: true),
            Numerator = t.Column<decimal>(nullable: true),
            Denominator = t.Column<decimal>(nullable: true),
            Done = t.Column<bool>(nullable: true),
            Completion = t.Column<decimal>(nullable: true),
            CompletedOn = t.Column<DateOnly>(nullable: true),
            Note = t.Column<string>(maxLength: 4000, nullable: true),
            Justification = t.Column<string>(maxLength: 4000, nullable: true),
            Status = t.Column<string>(maxLength: 32, nullable: false),
            RecordedAt = t.Column<DateTime>(nullable: false),
            RecordedBy = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Actuals", x => x.Id);
            t.ForeignKey("FK_Actuals_Indicators_IndicatorId", x => x.IndicatorId, "Indicators", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Actuals_Structures_StructureId", x => x.StructureId, "Structures", "Id", onDelete: ReferentialAction.NoAction);
        });

        m.CreateIndex("IX_Organizations_Code", "Organizations", "Code", unique: true);
        m.CreateIndex("IX_Plans_OrganizationId_Code", "Plans", ["OrganizationId", "Code"], unique: true);
        m.CreateIndex("IX_Structures_ParentId", "Structures", "ParentId");
        m.CreateIndex("IX_Structures_PlanId_Code", "Structures", ["PlanId", "Code"], unique: true);
        m.CreateIndex("IX_StructureVolumes_StructureId_Year", "StructureVolumes", ["StructureId", "Year"], unique: true);
        m.CreateIndex("IX_ValueAreas_ParentId", "ValueAreas", "ParentId");
        m.CreateIndex("IX_ValueAreas_PlanId_Code", "ValueAreas", ["PlanId", "Code"], unique: true);
        m.CreateIndex("IX_Guidelines_PlanId_Number", "Guidelines", ["PlanId", "Number"], unique: true);
        m.CreateIndex("IX_Nodes_ParentId", "Nodes", "ParentId");
        m.CreateIndex("IX_Nodes_PlanId_Code", "Nodes", ["PlanId", "Code"], unique: true);
        m.CreateIndex("IX_Nodes_StructureId", "Nodes", "StructureId");
        m.CreateIndex("IX_Nodes_SubAreaId", "Nodes", "SubAreaId");
        m.CreateIndex("IX_Nodes_ValueAreaId", "Nodes", "ValueAreaId");
        m.CreateIndex("IX_GuidelineProjects_NodeId", "GuidelineProjects", "NodeId");
        m.CreateIndex("IX_Indicators_NodeId", "Indicators", "NodeId");
        m.CreateIndex("IX_Indicators_PlanId_Code", "Indicators", ["PlanId", "Code"], unique: true);
        m.CreateIndex("IX_Indicators_ValueAreaId", "Indicators", "ValueAreaId");
        m.CreateIndex("IX_IndicatorTargets_IndicatorId_Year", "IndicatorTargets", ["IndicatorId", "Year"], unique: true);
        m.CreateIndex("IX_Actuals_IndicatorId_ScopeId_Year_Period_Revision", "Actuals",
            ["IndicatorId", "ScopeId", "Year", "Period", "Revision"], unique: true);
        m.CreateIndex("IX_Actuals_StructureId", "Actuals", "StructureId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "Actuals", "IndicatorTargets", "Indicators", "GuidelineProjects", "Nodes", "Guidelines",
                     "ValueAreas", "StructureVolumes", "Structures", "Plans", "Organizations" })
            m.DropTable(table);
    }
}
