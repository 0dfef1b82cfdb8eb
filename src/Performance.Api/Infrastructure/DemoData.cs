namespace Performance.Api.Infrastructure;
public static class DemoData
{
    public static Task SeedDemoDataAsync(this WebApplication app) => Task.CompletedTask;
}
