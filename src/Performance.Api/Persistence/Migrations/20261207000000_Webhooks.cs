using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Performance.Api.Persistence.Migrations;

/// <summary>Webhooks: the organizations' endpoints, the outbox of events, one delivery per event and endpoint, and every attempt.</summary>
[DbContext(typeof(PerformanceDbContext))]
[Migration("20261207000000_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("WebhookSubscriptions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Url = t.Column<string>(maxLength: 2000, nullable: false),
            Events = t.Column<string>(maxLength: 400, nullable: false),
            Secret = t.Column<string>(maxLength: 256, nullable: false),
            Description = t.Column<string>(maxLength: 400, nullable: true),
            CreatedAt = t.Column<DateTime>(nullable: false),
            CreatedBy = t.Column<string>(maxLength: 200, nullable: false),
            DeletedAt = t.Column<DateTime>(nullable: true),
            DeletedBy = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
            t.ForeignKey("FK_WebhookSubscriptions_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("WebhookEvents", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            Type = t.Column<string>(maxLength: 64, nullable: false),
            Organization = t.Column<string>(maxLength: 64, nullable: false),
            PlanId = t.Column<Guid>(nullable: true),
            OccurredAt = t.Column<DateTime>(nullable: false),
            Key = t.Column<string>(maxLength: 400, nullable: true),
            Body = t.Column<string>(maxLength: 16000, nullable: false),
        }, constraints: t => t.PrimaryKey("PK_WebhookEvents", x => x.Id));

        m.CreateTable("WebhookDeliveries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            EventId = t.Column<Guid>(nullable: false),
            SubscriptionId = t.Column<Guid>(nullable: false),
            State = t.Column<string>(maxLength: 32, nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<DateTime>(nullable: false),
            LeaseOwner = t.Column<string>(maxLength: 100, nullable: true),
            LeaseUntil = t.Column<DateTime>(nullable: true),
            DeliveredAt = t.Column<DateTime>(nullable: true),
            LastStatusCode = t.Column<int>(nullable: true),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
            t.ForeignKey("FK_WebhookDeliveries_WebhookEvents_EventId", x => x.EventId, "WebhookEvents", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id",
                onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("WebhookAttempts", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            DeliveryId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            At = t.Column<DateTime>(nullable: false),
            StatusCode = t.Column<int>(nullable: true),
            Error = t.Column<string>(maxLength: 1000, nullable: true),
            DurationMs = t.Column<long>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WebhookAttempts", x => x.Id);
            t.ForeignKey("FK_WebhookAttempts_WebhookDeliveries_DeliveryId", x => x.DeliveryId, "WebhookDeliveries", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateIndex("IX_WebhookSubscriptions_OrganizationId", "WebhookSubscriptions", "OrganizationId");
        m.CreateIndex("IX_WebhookEvents_Key", "WebhookEvents", "Key", unique: true);
        m.CreateIndex("IX_WebhookEvents_PlanId_Type", "WebhookEvents", ["PlanId", "Type"]);
        m.CreateIndex("IX_WebhookDeliveries_State_NextAttemptAt", "WebhookDeliveries", ["State", "NextAttemptAt"]);
        m.CreateIndex("IX_WebhookDeliveries_SubscriptionId_EventId", "WebhookDeliveries", ["SubscriptionId", "EventId"], unique: true);
        m.CreateIndex("IX_WebhookDeliveries_EventId", "WebhookDeliveries", "EventId");
        m.CreateIndex("IX_WebhookAttempts_DeliveryId_Number", "WebhookAttempts", ["DeliveryId", "Number"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "WebhookAttempts", "WebhookDeliveries", "WebhookEvents", "WebhookSubscriptions" })
            m.DropTable(table);
    }
}
