using System.Text.Json.Serialization;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.UseRepositoryRootSettings();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPerformanceDatabase();
builder.Services.AddMediation();
builder.Services.AddSingleton<Performance.Api.PlanModel.PlanTreeCache>();
builder.Services.AddPerformanceAuth(builder.Configuration);
builder.Services.AddAbuseResistance(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    // Enums by name only: 123 is no polarity.
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    // "12" where a number belongs is an error, not a number: imports must never guess.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    // Nor does it guess which of two values of the same property counts.
    o.SerializerOptions.AllowDuplicateProperties = false;
});
builder.Services.AddOpenApi(o => o.AddPerformanceSchemaNames());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseRequestSizeLimit();
app.UseStatusCodePages();
app.UseSwaggerUI(o => o.SwaggerEndpoint("/openapi/v1.json", "Performance v1"));
app.UseDashboard();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health").AllowAnonymous();
app.MapFeatureEndpoints();

app.PrepareDatabase();
await app.SeedDemoDataAsync();
app.Run();

public partial class Program;
