using System.Net;
using Performance.Api.Tests.Infrastructure;
using static Performance.Api.Tests.Infrastructure.TestPlans;

namespace Performance.Api.Tests.Features.Dashboard;

public sealed class DemoKeyDashboardFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Dashboard:DemoApiKey", "the-demo-key")];
}

public sealed class NoKeyDashboardFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Dashboard:DemoApiKey", "")];
}

/// <summary>/dashboard: public static files with a self-only CSP, and the demo key only when configured.</summary>
public sealed class DashboardTests(DemoKeyDashboardFactory factory) : IClassFixture<DemoKeyDashboardFactory>
{
    private readonly HttpClient _anonymous = factory.CreateClientAs(null);

    [Theory]
    [InlineData("/dashboard/", "text/html")]
    [InlineData("/dashboard/index.html", "text/html")]
    [InlineData("/dashboard/app.js", "text/javascript")]
    [InlineData("/dashboard/app.css", "text/css")]
    public async Task The_page_and_its_files_are_served_anonymously_with_a_self_only_csp(string path, string type)
    {
        var response = await _anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bare_path_redirects_to_the_page_and_unknown_files_are_not_found()
    {
        var response = await _anonymous.GetAsync("/dashboard"); // the test client follows the redirect
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/dashboard/", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/dashboard/secret.json")).StatusCode);
    }

    [Fact]
    public async Task The_page_references_only_its_own_files()
    {
        var html = await _anonymous.GetStringAsync("/dashboard/");
        Assert.Contains("<script src=\"app.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("//", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_exposes_the_configured_demo_key_which_reads_scores()
    {
        var config = await _anonymous.GetJsonOkAsync("/dashboard/config.json");
        Assert.Equal("the-demo-key", (string?)config["apiKey"]);
        // The API itself stays closed to anonymous callers.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/plans")).StatusCode);
    }
}

public sealed class DashboardWithoutDemoKeyTests(NoKeyDashboardFactory factory) : IClassFixture<NoKeyDashboardFactory>
{
    [Fact]
    public async Task Config_has_no_key_when_none_is_configured()
    {
        var config = await factory.CreateClientAs(null).GetJsonOkAsync("/dashboard/config.json");
        Assert.Null(config["apiKey"]);
    }
}
