using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Performance.Api.Features.Actuals;
using Performance.Api.Features.Plans;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

namespace Performance.Api.Hosting;

/// <summary>
/// A fresh install is not an empty screen: on first start (no plans yet, Database:SeedDemoData true) load the
/// shipped sample plans and their demo consuntivi through the same use cases the API runs.
/// </summary>
public static class DemoData
{
    /// <summary>
    /// Both samples come up adopted. INPS by its real act (the PIAO 2024-2026, Det. del Commissario straordinario n. 5 of
    /// 31/01/2024, cited in its Relazione); Cremona's plan does not cite its act, so the demo says so and uses the legal
    /// deadline (31 January) as the date.
    /// </summary>
    private static readonly (string Plan, string? Actuals, AdoptBody Adoption)[] Samples =
    [
        ("cremona-2021-2023.json", "cremona-2021-demo-actuals.json", new AdoptBody(
            "Adozione del Piano della Performance 2021-2023 da parte del Commissario Straordinario (estremi non riportati nel Piano)",
            new DateOnly(2021, 1, 31), "Dati dimostrativi: la data è il termine di legge del 31 gennaio, non quella dell'atto")),
        ("inps-2024.json", "inps-2024-actuals.json", new AdoptBody(
            "Determinazione del Commissario straordinario n. 5 del 31/01/2024 (PIAO 2024-2026)", new DateOnly(2024, 1, 31), null)),
    ];

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.SeedDemoData) return;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        if (await db.Plans.AnyAsync()) return;

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var json = scope.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        foreach (var (planFile, actualsFile, adoption) in Samples)
        {
            var plan = await mediator.Send(new ImportPlan(Read<PlanDocument>(planFile, json), Replace: false));
            if (actualsFile is not null)
                await mediator.Send(new BulkRecordActuals(plan.Id.ToString(), Read<BulkActualsBody>(actualsFile, json)));
            await mediator.Send(new AdoptPlan(plan.Id.ToString(), adoption));
            app.Logger.LogInformation("Demo data: loaded plan {Plan} of {Organization}", plan.Code, plan.Organization);
        }
    }

    public static T Read<T>(string sample, JsonSerializerOptions options)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream($"Performance.Api.Samples.{sample}")
                           ?? throw new InvalidOperationException($"Sample {sample} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, options) ?? throw new InvalidOperationException($"Sample {sample} is empty.");
    }
}
