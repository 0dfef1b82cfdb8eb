using FluentValidation;
using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Targets;

/// <summary>Parses a target as written in a plan; an unreadable one is a 400 naming the position and what was expected.</summary>
public sealed record ParseTarget(string? Expression, Polarity? Polarity, int? Year) : IRequest<ParsedTarget>;

public sealed class ParseTargetValidator : AbstractValidator<ParseTarget>
{
    public ParseTargetValidator() => RuleFor(x => x.Expression).NotEmpty().MaximumLength(500);
}

public sealed class ParseTargetHandler : IRequestHandler<ParseTarget, ParsedTarget>
{
    public Task<ParsedTarget> Handle(ParseTarget request, CancellationToken ct) =>
        TargetParser.TryParse(request.Expression!, request.Polarity, request.Year, out var target, out var error)
            ? Task.FromResult(target!)
            : throw RequestValidationException.For("expression", error!.Message);
}

public sealed class ParseTargetEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/targets/parse", (ParseTarget request, IMediator mediator, CancellationToken ct) => mediator.Send(request, ct))
            .WithName(nameof(ParseTarget)).RequireAuthorization(Policies.ReadScores).WithTags("Targets").WithSummary("Parse a target expression (>=80%, <= 5gg, almeno 2 bandi, ...)")
            .Produces<ParsedTarget>().ProducesValidationProblem();
}
