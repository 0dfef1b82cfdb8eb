using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Features.Office;

/// <summary>
/// <see cref="ApiFactory"/> with two things the shared factory does not do yet (main is changing it): the database
/// context really uses this factory's database (Program reads the connection string before the factory's settings
/// apply, so every factory would share bin/performance.db), and clients carry an administrator API key.
/// </summary>
public sealed class OfficeApiFactory : ApiFactory
{
    private const string Key = "office-tests-administrator-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<PerformanceDbContext>(o =>
            {
                if (Provider == "Postgres") o.UseNpgsql(ConnectionString);
                else o.UseSqlite(ConnectionString);
            });
            services.PostConfigure<ApiKeyOptions>(ApiKeyAuthenticationHandler.SchemeName, o => o.Keys.Add(new ApiKeyEntry
            {
                Name = "office-tests", Role = Roles.Admin, Organization = Claims.AllOrganizations,
                Sha256 = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            }));
        });
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, Key);
    }
}
