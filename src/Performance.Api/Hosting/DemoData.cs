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
    private static readonly (string Plan, string? Actuals)[] Samples =
    [
        ("cremona-2021-2023.json", "cremona-2021-demo-actuals.json"),
        ("inps-2024.json", "inps-2024-actuals.json"),
    ];

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:SeedDemoData", true)) return;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerformanceDbContext>();
        if (await db.Plans.AnyAsync()) return;

        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var json = scope.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        foreach (var (planFile, actualsFile) in Samples)
        {
            var plan = await mediator.Send(new ImportPlan(Read<PlanDocument>(planFile, json), Replace: false));
            if (actualsFile is not null)
                await mediator.Send(new BulkRecordActuals(plan.Id.ToString(), Read<BulkActualsBody>(actualsFile, json)));
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
