using System.Net;
using Performance.Api.Infrastructure;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>A refusal quotes a huge value by its first 100 characters; the service's own words and short quotes stay whole.</summary>
public sealed class ProblemQuotesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void A_long_quoted_value_is_cut_to_its_first_100_characters_in_its_quotes()
    {
        var value = new string('x', 5_000);
        Assert.Equal($"Codice '{new string('x', 100)}…' sconosciuto in questo piano (campo structure).",
            Problems.QuotedInShort($"Codice '{value}' sconosciuto in questo piano (campo structure)."));
        Assert.Equal($"Il periodo \"{new string('x', 100)}…\" non è valido.", Problems.QuotedInShort($"Il periodo \"{value}\" non è valido."));
    }

    [Theory]
    [InlineData("L'indicatore 'I1' dell'obiettivo 'O1' non ha un target per l'anno 2024.")]
    [InlineData("Il target '>= 80% entro il 30/06' non si legge: manca l'unità.")]
    public void Words_and_short_quotes_stay_as_they_are(string message)
    {
        Assert.Equal(message, Problems.QuotedInShort(message));
        // Long messages too: an apostrophe or a quote closing after a digit opens nothing, however far the next quote is.
        var words = string.Concat(Enumerable.Repeat("parole del servizio ", 12));
        var longer = $"{message} L'anno '2024' {words}dell'ente, l'obiettivo 'Obiettivo' {words}e l'ufficio '>= 80%'.";
        Assert.Equal(longer, Problems.QuotedInShort(longer));
    }

    [Fact]
    public void Apostrophes_around_a_long_quote_do_not_move_the_cut()
    {
        var message = $"L'atto '{new string('a', 300)}' dell'ufficio non è valido.";
        Assert.Equal($"L'atto '{new string('a', 100)}…' dell'ufficio non è valido.", Problems.QuotedInShort(message));
    }

    [Fact]
    public void A_cut_never_splits_a_character_in_two()
    {
        var value = new string('a', 99) + string.Concat(Enumerable.Repeat("😀", 200));
        var cut = Problems.QuotedInShort($"Codice '{value}' sconosciuto.");
        Assert.Equal($"Codice '{new string('a', 99)}…' sconosciuto.", cut);
    }

    [Fact]
    public async Task A_refusal_of_a_100000_character_value_is_a_short_answer()
    {
        var client = factory.CreateClient();
        await client.EnsureCremonaAsync();
        var response = await client.PostJsonTextAsync($"/api/indicators/{Documents.CremonaCode}:2021_01_02_04.I2/actuals",
            $$"""{"year":2021,"period":"{{new string('x', 100_000)}}","value":1}""");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.InRange(body.Length, 1, 2_000);
        Assert.Contains(new string('x', 100) + "…", body);
    }
}
