using Microsoft.Extensions.Options;
using Performance.Api.Tests.Infrastructure;

namespace Performance.Api.Tests.Hosting;

/// <summary>Every configuration section is checked at start-up: a bad value stops the service with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    private sealed class Configured(params (string Key, string? Value)[] settings) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value));
    }

    [Theory]
    [InlineData("Auth:ApiKeys:1:Sha256", "not-a-hash", "Auth:ApiKeys:1:Sha256 must be the 64-character hex SHA-256")]
    [InlineData("Auth:ApiKeys:1:Role", "Boss", "Auth:ApiKeys:1:Role 'Boss' is not one of Admin, ControlloGestione, Referente, Oiv, Viewer.")]
    [InlineData("Auth:ApiKeys:1:Organization", " ", "Auth:ApiKeys:1:Organization is required")]
    [InlineData("Auth:ApiKeys:1:Name", "Admin:*", "Auth:ApiKeys:1:Name 'Admin:*' is used by another key")]
    [InlineData("Auth:ApiKeys:1:Name", "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn", "Auth:ApiKeys:1:Name is longer than 200 characters")]
    [InlineData("Auth:Jwt:Authority", "not a url", "Auth:Jwt:Authority 'not a url' is not an absolute URL.")]
    [InlineData("Auth:Jwt:SigningKey", "short", "Auth:Jwt:SigningKey must be at least 32 bytes")]
    [InlineData("Audit:RetiredKeys:0", "short", "Audit:RetiredKeys:0 must be at least 32 characters long.")]
    [InlineData("Audit:RetiredKeys:0", "demo-audit-key-REPLACE-IN-PRODUCTION-0123456789abcdef", "Audit:RetiredKeys:0 is the key in use (Audit:Key)")]
    [InlineData("Limits:MaxRequestBodyBytes", "0", "Limits:MaxRequestBodyBytes must be a positive number of bytes.")]
    [InlineData("RateLimiting:PermitsPerMinute", "-5", "RateLimiting:PermitsPerMinute must be a positive number.")]
    [InlineData("Operations:CorsOrigins:0", "https://portale.example.it/pagina", "Operations:CorsOrigins:0 'https://portale.example.it/pagina' is not an origin")]
    [InlineData("Operations:PrometheusPath", "/api/metrics", "Operations:PrometheusPath '/api/metrics' must start with / and lie outside /api.")]
    [InlineData("Operations:KnownProxies:0", "proxy.local", "Operations:KnownProxies:0 'proxy.local' is not an IP address.")]
    [InlineData("Attachments:MaxBytes", "0", "Attachments:MaxBytes must be a positive number of bytes.")]
    [InlineData("Attachments:Storage", "Directory", "Attachments:Directory must name the directory that keeps the files")]
    [InlineData("Uploads:MaxRows", "0", "Uploads:MaxRows must be a positive number.")]
    [InlineData("Uploads:MaxRows", "2000000", "Uploads:MaxRows cannot exceed 1,048,576, the rows of a worksheet.")]
    [InlineData("Uploads:MaxColumns", "16385", "Uploads:MaxColumns cannot exceed 16,384")]
    [InlineData("Uploads:MaxZipEntries", "70000", "Uploads:MaxZipEntries must be below 65,535.")]
    [InlineData("Uploads:MaxXmlDepth", "4", "Uploads:MaxXmlDepth must be at least 8")]
    [InlineData("Uploads:MaxCompressionRatio", "-1", "Uploads:MaxCompressionRatio must be a positive number.")]
    [InlineData("Uploads:MaxReadTime", "00:00:00", "Uploads:MaxReadTime must be a positive time span")]
    [InlineData("Uploads:SpoolDirectory", "relative/dir", "Uploads:SpoolDirectory must be an absolute path")]
    [InlineData("Webhooks:LeaseSeconds", "5", "Webhooks:LeaseSeconds must be longer than TimeoutSeconds (10)")]
    [InlineData("Webhooks:RetryMaxSeconds", "10", "Webhooks:RetryMaxSeconds must be at least RetryBaseSeconds (30).")]
    [InlineData("Webhooks:MaxAttempts", "0", "Webhooks:MaxAttempts must be between 1 and 100.")]
    [InlineData("Webhooks:AllowedHosts:0", "not a host", "Webhooks:AllowedHosts:0 must be a host name or address.")]
    public void A_bad_value_stops_the_service_naming_the_key(string key, string value, string message)
    {
        using var factory = new Configured((key, value));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(error.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_referente_key_without_structures_is_refused()
    {
        using var factory = new Configured(("Auth:ApiKeys:900:Name", "referente-senza-strutture"),
            ("Auth:ApiKeys:900:Sha256", new string('a', 64)), ("Auth:ApiKeys:900:Role", "Referente"), ("Auth:ApiKeys:900:Organization", "CCIAA-CR"));
        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(error.Failures, f => f.EndsWith(":Structures lists the structures a Referente reports for; it is empty.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_database_provider_stops_the_service_naming_the_key()
    {
        using var factory = new Configured(("Database:Provider", "Mysql"));
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Database:Provider", error.ToString());
    }
}
