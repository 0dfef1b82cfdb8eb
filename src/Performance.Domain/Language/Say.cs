namespace Performance.Domain.Language;

public enum Language { Italian, English }

/// <summary>
/// The service speaks Italian unless the caller asks for English (<c>Accept-Language: en</c>): every message a person
/// reads is written here in both languages, side by side, so neither can be forgotten. The host sets the language per
/// request (an async-local value, so it follows the request's work); outside a request it is <see cref="Outside"/>
/// (Italian). It is not a CultureInfo on purpose: the service runs in invariant globalization, and numbers must never
/// follow the caller.
/// </summary>
public static class Say
{
    private static readonly AsyncLocal<Language?> Current = new();

    /// <summary>The language where no request set one (Italian); a test assembly that asserts English texts of the
    /// domain, called directly, sets it once.</summary>
    public static Language Outside { get; set; } = Language.Italian;

    public static Language Language { get => Current.Value ?? Outside; set => Current.Value = value; }

    public static bool English => Language == Language.English;

    /// <summary>
    /// Runs work with Italian texts whatever the caller reads — for official documents (exports, the Relazione). An async
    /// method's change to the language stays in it: the caller's language is what it was once this returns.
    /// </summary>
    public static async Task<T> InItalianAsync<T>(Func<Task<T>> work)
    {
        Language = Language.Italian;
        return await work();
    }

    /// <summary>The Italian text, or the English one when the caller asked for English.</summary>
    public static string It(string italian, string english) => English ? english : italian;
}
