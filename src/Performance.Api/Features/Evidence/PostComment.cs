using FluentValidation;
using MediatR;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Domain.Evidence;
using Performance.Domain.Language;

namespace Performance.Api.Features.Evidence;

/// <summary>Adds a message to the thread of a consuntivo or an indicator (a referente only on its structures' threads).</summary>
public sealed record PostComment(EvidenceOn On, string? Text) : IRequest<CommentResponse>;

/// <summary>A message for the thread of a consuntivo or of an indicator.</summary>
/// <param name="Text">The message: required, at most 4000 characters.</param>
public sealed record CommentBody(string? Text);

public sealed class PostCommentValidator : AbstractValidator<PostComment>
{
    public PostCommentValidator()
    {
        RuleFor(x => x.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => Say.It("Il testo del commento è obbligatorio.", "The text of the comment is required.")).OverridePropertyName("text");
        RuleFor(x => x.Text).Text("text");
    }
}

public sealed class PostCommentHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time) : IRequestHandler<PostComment, CommentResponse>
{
    public async Task<CommentResponse> Handle(PostComment request, CancellationToken ct)
    {
        var target = await EvidenceTargets.FindAsync(db, request.On, ct);
        await EvidenceTargets.CheckScopeAsync(db, target, time, ct);
        var comment = new Comment
        {
            PlanId = target.Plan.Id, IndicatorId = target.Indicator!.Id, ActualId = target.Actual?.Id, Kind = CommentKind.Comment,
            Text = request.Text!.Trim(), Author = scope.Actor, AuthorRole = scope.Role, At = time.UtcNow(),
        };
        db.Set<Comment>().Add(comment);
        var response = new CommentResponse(comment.Id, comment.Kind, comment.Text, comment.Author, comment.AuthorRole,
            PlanModel.EvidenceQueries.Utc(comment.At), comment.ActualId, target.Actual?.Revision);
        audit.Record("CommentPosted", "Comment", comment.Id, target.Describe(), target.Plan.Id, target.Plan.Organization.Code, after: response,
            indicatorId: target.Indicator.Id);
        await db.SaveChangesAsync(ct);
        return response;
    }
}

public sealed class PostCommentEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Describe(app.MapPost("/api/actuals/{actual:guid}/comments", async (Guid actual, CommentBody? body, IMediator mediator, CancellationToken ct) =>
            Created(await mediator.Send(new PostComment(EvidenceOn.Actual(actual), body?.Text), ct), $"/api/actuals/{actual}/comments")),
            "PostActualComment", "Write in the thread of a consuntivo");
        Describe(app.MapPost("/api/indicators/{indicator}/comments", async (string indicator, CommentBody? body, IMediator mediator, CancellationToken ct) =>
            Created(await mediator.Send(new PostComment(EvidenceOn.Indicator(indicator), body?.Text), ct), $"/api/indicators/{Uri.EscapeDataString(indicator)}/comments")),
            "PostIndicatorComment", "Write in the thread of an indicator");
    }

    private static IResult Created(CommentResponse comment, string thread) => Results.Created(thread, comment);

    private static void Describe(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithTags("Evidence").WithSummary(summary).RequireAuthorization(Policies.ReadPlans)
            .Produces<CommentResponse>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
}
