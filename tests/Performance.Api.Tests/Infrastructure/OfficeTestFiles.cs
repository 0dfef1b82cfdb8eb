using System.Globalization;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Performance.Api.Tests.Infrastructure;

internal static class OfficeTestFiles
{
    public const string Plan = "PP-2021-2023";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static readonly NumberFormatInfo Italian = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, byte[] file, string contentType, bool dryRun = false)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync($"/api/plans/{Plan}/actuals/upload?dryRun={(dryRun ? "true" : "false")}", content);
    }

    public static Task<HttpResponseMessage> UploadFormAsync(this HttpClient client, byte[] file, string name)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(file), "file", name);
        return client.PostAsync($"/api/plans/{Plan}/actuals/upload", form);
    }

    public static async Task PostDemoActualsAsync(this HttpClient client)
    {
        var json = await File.ReadAllTextAsync(Infrastructure.Repository.SamplePath("cremona-2021-demo-actuals.json"));
        var response = await client.PostAsync($"/api/plans/{Plan}/actuals/bulk", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the workbook and asserts the OpenXML validator finds nothing wrong.</summary>
    public static SpreadsheetDocument OpenValid(byte[] bytes)
    {
        var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        return document;
    }

    public static IReadOnlyList<Row> Rows(SpreadsheetDocument document, string? sheet = null)
    {
        var workbook = document.WorkbookPart!;
        var entry = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => sheet is null || s.Name == sheet);
        return ((WorksheetPart)workbook.GetPartById(entry.Id!)).Worksheet.Descendants<Row>().ToList();
    }

    public static string? Text(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;

    public static List<string[]> ParseCsv(string text, char separator = ';') =>
        text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => SplitCsvLine(l, separator)).ToList();

    private static string[] SplitCsvLine(string line, char separator)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == separator) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }

    public static string Csv(IEnumerable<string[]> rows, char separator = ';') =>
        string.Join("\r\n", rows.Select(r => string.Join(separator, r.Select(f => f.Contains(separator) || f.Contains('"') ? $"\"{f.Replace("\"", "\"\"")}\"" : f)))) + "\r\n";
}
