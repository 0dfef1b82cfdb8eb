using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// Structures and value areas are edited through the API under optimistic concurrency (their ETag). Rows from before
/// start at the empty version: the first update gives each its own.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261208120000_StructureAndAreaVersions")]
public sealed class StructureAndAreaVersions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<Guid>("Version", "Structures", nullable: false, defaultValue: Guid.Empty);
        m.AddColumn<Guid>("Version", "ValueAreas", nullable: false, defaultValue: Guid.Empty);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("Version", "Structures");
        m.DropColumn("Version", "ValueAreas");
    }
}
