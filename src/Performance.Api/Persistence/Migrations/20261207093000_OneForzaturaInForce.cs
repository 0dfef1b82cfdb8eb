using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// One approved forzatura per indicator and year, whoever writes: the database refuses a second one (an approval first
/// marks the one before it superseded). Databases from before hold at most one already: approvals superseded earlier ones.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261207093000_OneForzaturaInForce")]
public sealed class OneForzaturaInForce : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.CreateIndex("IX_Forzature_IndicatorId_Year_Approved", "Forzature", ["IndicatorId", "Year"], unique: true, filter: "\"Status\" = 'Approved'");

    protected override void Down(MigrationBuilder m) => m.DropIndex("IX_Forzature_IndicatorId_Year_Approved", "Forzature");
}
