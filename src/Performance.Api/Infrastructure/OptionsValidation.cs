using Microsoft.Extensions.Options;

namespace Performance.Api.Infrastructure;

/// <summary>
/// Every configuration section is bound to an options class and checked when the service starts: a bad value stops it
/// with a message naming the key (<c>Auth:ApiKeys:3:Sha256 ...</c>), instead of failing later on some request.
/// </summary>
public static class OptionsValidation
{
    /// <param name="problems">The section's problems, each a sentence that starts with the full key.</param>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section, Func<T, IEnumerable<string>> problems)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new Validator<T>(problems));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    private sealed class Validator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
