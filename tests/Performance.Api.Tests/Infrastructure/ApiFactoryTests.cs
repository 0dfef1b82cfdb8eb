using System.Net;
using Microsoft.Data.Sqlite;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>The harness itself: each factory must talk to its own throw-away database, never a shared file.</summary>
public sealed class ApiFactoryTests
{
    [Fact]
    public async Task Each_factory_has_its_own_database()
    {
        using var first = new ApiFactory();
        using var second = new ApiFactory();
        var client = first.CreateClient();
        await client.ImportOkAsync(SmallPlan.Plan("HARNESS-ISOLATION"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/plans/HARNESS-ISOLATION")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.CreateClient().GetAsync("/api/plans/HARNESS-ISOLATION")).StatusCode);
        if (first.Provider == "Sqlite")
        {
            var file = new SqliteConnectionStringBuilder(first.ConnectionString).DataSource;
            Assert.True(new FileInfo(file).Length > 0, $"the factory's database {file} was never written");
        }
    }
}
