using Performance.Api.Infrastructure;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure.Files;

public static class OfficeEndpoints
{
    /// <summary>csv or xlsx (default xlsx); anything else is a 400 naming the parameter.</summary>
    public static OfficeFormat Format(string? format) =>
        format is null ? OfficeFormat.Xlsx
        : OfficeFiles.ParseFormat(format) ?? throw RequestValidationException.For("format", Say.It($"'{format}' non è un formato di file: usare csv o xlsx.", $"'{format}' is not a file format: use csv or xlsx."));
}
