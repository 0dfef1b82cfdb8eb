using FluentValidation;
using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Domain.Targets;

namespace Performance.Api.Features.Targets;

/// <summary>Parses a target as written in a plan; an unreadable one is a 400 naming the position and what was expected.</summary>
/// <param name="Expression">The target as written (<c>almeno 80%</c>, <c>entro il 30/06/2024</c>, <c>n.d.</c>): required, at most 500 characters.</param>
/// <param name="Polarity">The indicator's polarity, to read a bare number (<c>10,00</c>) and a change's direction; absent: a bare number is refused.</param>
/// <param name="Year">The plan year the target is for: completes a date written without its year (<c>entro 30 giugno</c>) and names the previous year (<c>anno precedente</c>); absent: such texts are refused.</param>
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
