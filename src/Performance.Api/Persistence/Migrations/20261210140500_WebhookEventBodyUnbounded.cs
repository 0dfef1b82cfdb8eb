using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// A webhook event's body is JSON that escapes every letter outside ASCII as six characters (<c>\u00E8</c>): a return
/// reason of 4000 characters, allowed, could take 24000 and failed the return on PostgreSQL's varchar(16000). The body
/// is bounded by the inputs it is built from, like the audit trail's before and after, so the column has no length.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261210140500_WebhookEventBodyUnbounded")]
public sealed class WebhookEventBodyUnbounded : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // SQLite keeps text of any length: only PostgreSQL's varchar(16000) changes.
        if (m.IsNpgsql())
            m.AlterColumn<string>("Body", "WebhookEvents", nullable: false, oldClrType: typeof(string), oldMaxLength: 16000);
    }

    // A body longer than 16000 characters stored since then makes the way back fail, as it should: nothing is cut.
    protected override void Down(MigrationBuilder m)
    {
        if (m.IsNpgsql())
            m.AlterColumn<string>("Body", "WebhookEvents", maxLength: 16000, nullable: false, oldClrType: typeof(string));
    }
}
