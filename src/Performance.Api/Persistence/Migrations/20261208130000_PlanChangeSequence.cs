using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// The plan's change sequence (PlanPosition): each lock row keeps the version of its last write that changed more than new
/// consuntivi, and each consuntivo the version of the write that added it, indexed, so a reader holding the plan's state
/// reads only the rows added since. Rows from before get 0: a state loaded after the upgrade already holds them.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261208130000_PlanChangeSequence")]
public sealed class PlanChangeSequence : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<long>("TreeVersion", "WriteLocks", nullable: false, defaultValue: 0L);
        // Every existing lock as if its last write had changed anything: states loaded before are not kept.
        m.Sql("""UPDATE "WriteLocks" SET "TreeVersion" = "Version";""");
        m.AddColumn<long>("Change", "Actuals", nullable: false, defaultValue: 0L);
        m.CreateIndex("IX_Actuals_Change", "Actuals", "Change");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_Actuals_Change", "Actuals");
        m.DropColumn("Change", "Actuals");
        m.DropColumn("TreeVersion", "WriteLocks");
    }
}
