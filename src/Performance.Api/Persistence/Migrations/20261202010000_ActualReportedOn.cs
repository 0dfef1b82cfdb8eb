using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>The day a consuntivo was officially reported; existing rows take the day they were recorded.</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261202010000_ActualReportedOn")]
public sealed class ActualReportedOn : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<DateOnly>("ReportedOn", "Actuals", nullable: false, defaultValue: new DateOnly(2000, 1, 1));
        // SQLite stores dates as 'yyyy-MM-dd' text and instants as text; PostgreSQL has real types.
        m.Sql(m.IsNpgsql()
            ? "UPDATE \"Actuals\" SET \"ReportedOn\" = CAST(\"RecordedAt\" AS date);"
            : "UPDATE \"Actuals\" SET \"ReportedOn\" = substr(\"RecordedAt\", 1, 10);");
    }

    protected override void Down(MigrationBuilder m) => m.DropColumn("ReportedOn", "Actuals");
}
