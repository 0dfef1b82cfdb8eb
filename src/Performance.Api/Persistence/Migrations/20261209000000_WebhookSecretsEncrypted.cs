using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>
/// Webhook secrets are stored encrypted (<c>Features/Webhooks/WebhookSecrets</c>): the column grows to hold one, and the
/// secrets stored in clear until now are marked so; the start of the service encrypts them (the key is in configuration,
/// which a migration does not see).
/// </summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261209000000_WebhookSecretsEncrypted")]
public sealed class WebhookSecretsEncrypted : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        // SQLite keeps text of any length: only PostgreSQL's varchar(256) needs widening.
        if (m.IsNpgsql())
            m.AlterColumn<string>("Secret", "WebhookSubscriptions", maxLength: 1500, nullable: false, oldClrType: typeof(string), oldMaxLength: 256);
        m.Sql("""UPDATE "WebhookSubscriptions" SET "Secret" = 'clear:' || "Secret";""");
    }

    // Secrets encrypted since cannot be turned back into clear text here: those endpoints must be registered again.
    protected override void Down(MigrationBuilder m)
    {
        m.Sql("""UPDATE "WebhookSubscriptions" SET "Secret" = substr("Secret", 7) WHERE "Secret" LIKE 'clear:%';""");
        if (m.IsNpgsql())
            m.AlterColumn<string>("Secret", "WebhookSubscriptions", maxLength: 256, nullable: false, oldClrType: typeof(string), oldMaxLength: 1500);
    }
}
