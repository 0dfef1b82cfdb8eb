using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>Acts effective on the same day apply in the order they were given (a plan document's order, then later acts).</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261202000000_ReprogrammingOrder")]
public sealed class ReprogrammingOrder : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<int>("SortOrder", "Reprogrammings", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder m) => m.DropColumn("SortOrder", "Reprogrammings");
}
