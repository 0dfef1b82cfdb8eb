using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// Audit entries signed with a key from configuration and carrying the digests of the rows they changed, signed
/// checkpoints of the chain's head, and the lock rows that serialize writers where a rule or the chain needs it.
/// Entries written before keep an empty signature; the service seals them at its next start.
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261203000000_SignedAuditAndWriteLocks")]
public sealed class SignedAuditAndWriteLocks : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("Signature", "AuditEntries", maxLength: 64, nullable: false, defaultValue: "");
        m.AddColumn<string>("Rows", "AuditEntries", nullable: true);

        m.CreateTable("AuditCheckpoints", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Sequence = t.Column<long>(nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            At = t.Column<DateTime>(nullable: false),
            Signature = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AuditCheckpoints", x => x.Id));
        m.CreateIndex("IX_AuditCheckpoints_Sequence", "AuditCheckpoints", "Sequence");

        m.CreateTable("WriteLocks", t => new
        {
            Key = t.Column<string>(maxLength: 100, nullable: false),
            Version = t.Column<long>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WriteLocks", x => x.Key));
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("WriteLocks");
        m.DropTable("AuditCheckpoints");
        m.DropColumn("Rows", "AuditEntries");
        m.DropColumn("Signature", "AuditEntries");
    }
}
