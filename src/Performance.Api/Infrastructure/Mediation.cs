using System.Globalization;
using FluentValidation;
using FluentValidation.Resources;
using MediatR;
using Performance.Domain.Language;

namespace Performance.Api.Infrastructure;

/// <summary>Runs every FluentValidation validator of a request before its handler; failures become the same 400 as every other validation error.</summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = new ValidationErrors();
        foreach (var validator in validators)
        foreach (var failure in (await validator.ValidateAsync(request, cancellationToken)).Errors)
            errors.Add(JsonPath(failure.PropertyName), failure.ErrorMessage);
        errors.ThrowIfAny();
        return await next();
    }

    /// <summary>"Body.Targets" → "body.targets": the request's own JSON names, as every other error reports them.</summary>
    private static string JsonPath(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? "body" : string.Join('.', propertyName.Split('.').Select(p => char.ToLowerInvariant(p[0]) + p[1..]));
}

public static class MediationRegistration
{
    /// <summary>
    /// MediatR 5.1.0 is the only version this registry serves (later ones need MediatR.Contracts; 13+ is commercial),
    /// and it predates the DI extensions package: handlers and validators are registered by a small assembly scan.
    /// </summary>
    public static IServiceCollection AddMediation(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        ValidatorOptions.Global.LanguageManager = new SpokenLanguage();
        foreach (var type in typeof(MediationRegistration).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }))
        foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
        {
            var definition = contract.GetGenericTypeDefinition();
            if (definition == typeof(IRequestHandler<,>) || definition == typeof(IValidator<>))
                services.AddScoped(contract, type);
        }
        return services;
    }
}

/// <summary>
/// FluentValidation's own messages (NotEmpty, MaximumLength...) in the request's language: its Italian translation unless
/// the caller asked for English (<see cref="Say"/>). The language is read when a message is made, so per request.
/// </summary>
public sealed class SpokenLanguage : LanguageManager
{
    private static readonly CultureInfo Italian = new ItalianName();

    public override string GetString(string key, CultureInfo? culture = null) =>
        base.GetString(key, Say.English ? CultureInfo.InvariantCulture : Italian);

    // The service runs in invariant globalization, where no "it" culture can be created: this one only carries the name
    // FluentValidation looks its translations up by.
    private sealed class ItalianName() : CultureInfo("")
    {
        public override string Name => "it";
    }
}
