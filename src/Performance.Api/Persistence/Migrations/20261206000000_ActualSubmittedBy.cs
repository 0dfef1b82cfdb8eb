using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// Who submitted a revision, and the role it was entered in: the four-eyes rule compares who entered and who submitted
/// with the OIV reviewing it, and a referente's draft is submitted by a referente. Rows from before keep null.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261206000000_ActualSubmittedBy")]
public sealed class ActualSubmittedBy : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("SubmittedBy", "Actuals", maxLength: 200, nullable: true);
        m.AddColumn<string>("RecordedAs", "Actuals", maxLength: 32, nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("RecordedAs", "Actuals");
        m.DropColumn("SubmittedBy", "Actuals");
    }
}
