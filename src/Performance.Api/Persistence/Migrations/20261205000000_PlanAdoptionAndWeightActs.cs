using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>A plan's adoption act and date; a reprogramming act may change a weight (the new weight).</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261205000000_PlanAdoptionAndWeightActs")]
public sealed class PlanAdoptionAndWeightActs : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("AdoptionAct", "Plans", maxLength: 500, nullable: true);
        m.AddColumn<DateOnly>("AdoptedOn", "Plans", nullable: true);
        m.AddColumn<decimal>("Weight", "Reprogrammings", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("Weight", "Reprogrammings");
        m.DropColumn("AdoptedOn", "Plans");
        m.DropColumn("AdoptionAct", "Plans");
    }
}
