using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Performance.Api.Features.Dashboard;
using Performance.Api.Features.Monitoring;
using Performance.Api.Features.Scores;
using Performance.Api.Features.Webhooks;
using Performance.Api.Hosting;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Files;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRepositoryRootSettings();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPerformanceDatabase();
builder.Services.AddAttachmentStorage();
builder.Services.AddMediation();
builder.Services.AddPlanTreeCache();
builder.Services.AddPlanTreeWarmUp(warmUp: !BuildTime.IsGeneratingDocument);
builder.Services.AddPerformanceAuth();
builder.Services.AddAbuseResistance();
builder.Services.AddOperations(builder.Configuration);
builder.Services.AddUploads();
// The outbox is always written; the workers that deliver it and look for overdue consuntivi run only in a serving process.
builder.Services.AddWebhooks(deliver: !BuildTime.IsGeneratingDocument);
builder.Services.AddOverdueEvents(schedule: !BuildTime.IsGeneratingDocument);
builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Complete);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    // Enums by name only: 123 is no polarity.
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    // A relative target's reference is a year or "baseline" (docs/model.md), not the record's fields.
    o.SerializerOptions.Converters.Add(new TargetReferenceJsonConverter());
    // "12" where a number belongs is an error, not a number: imports must never guess.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    // Nor does it guess which of two values of the same property counts.
    o.SerializerOptions.AllowDuplicateProperties = false;
    // A property the request does not know is refused, never dropped: nothing sent is silently lost.
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    // Instants always with their offset (Z), whatever the engine hands back.
    o.SerializerOptions.Converters.Add(new UtcDateTimeConverter());
    // Every text a request carries must be storable and exportable.
    o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(StorableText.Check);
});
builder.Services.AddOpenApi(o => o.AddPerformanceContract());
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseLanguages();
app.UseOperationsFront();
app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseRequestSizeLimit();
app.UseStatusCodePages();
app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "Performance v1"));
app.UseDashboard();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseUtf8Json();
app.MapOpenApi().AllowAnonymous();
app.MapOperations();
app.MapFeatureEndpoints();

try
{
    if (!BuildTime.IsGeneratingDocument)
    {
        app.PrepareDatabase();
        await app.EncryptWebhookSecretsUnderKeyInUseAsync();
        await app.SeedDemoDataAsync();
    }
    await app.RunAsync();
}
catch (OptionsValidationException e)
{
    // A bad configuration stops the service at once, saying which keys are wrong.
    Console.Error.WriteLine("The configuration is not valid; the service does not start:");
    foreach (var failure in e.Failures) Console.Error.WriteLine("  " + failure);
    throw;
}

public partial class Program;
