using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;

namespace Performance.Api.Features.Evidence;

/// <summary>One message of a thread; <c>revision</c> is the consuntivo revision it was written on (null on an indicator's thread).</summary>
/// <param name="Id">The message's id.</param>
/// <param name="Kind">Comment, or Return: the OIV's reason for returning the consuntivo for correction.</param>
/// <param name="Text">The message.</param>
/// <param name="Author">Who wrote it (the name the service records as the actor).</param>
/// <param name="Role">The role the author wrote in: Admin, ControlloGestione, Referente or Oiv.</param>
/// <param name="At">When it was written (UTC).</param>
/// <param name="Actual">The id of the consuntivo revision it was written on; null on an indicator's thread.</param>
/// <param name="Revision">That revision's number; null on an indicator's thread.</param>
public sealed record CommentResponse(Guid Id, CommentKind Kind, string Text, string Author, string Role, DateTime At, Guid? Actual, int? Revision);

/// <summary>
/// The thread of a consuntivo (every revision of its period: a return's reason stays beside the correction that answers it)
/// or of an indicator, oldest first. The OIV, the controllo di gestione and the referenti of the structure take part.
/// </summary>
public sealed record ListComments(EvidenceOn On) : IRequest<IReadOnlyList<CommentResponse>>;

public sealed class ListCommentsHandler(PerformanceDbContext db, TimeProvider time) : IRequestHandler<ListComments, IReadOnlyList<CommentResponse>>
{
    public async Task<IReadOnlyList<CommentResponse>> Handle(ListComments request, CancellationToken ct)
    {
        var target = await EvidenceTargets.FindAsync(db, request.On, ct);
        await EvidenceTargets.CheckScopeAsync(db, target, time, ct);
        return await ThreadAsync(db, target, ct);
    }

    public static async Task<IReadOnlyList<CommentResponse>> ThreadAsync(PerformanceDbContext db, EvidenceTarget target, CancellationToken ct)
    {
        var comments = db.Set<Comment>().AsNoTracking().Where(c => c.IndicatorId == target.Indicator!.Id);
        Dictionary<Guid, int> revisions = [];
        if (target.Actual is { } actual)
        {
            revisions = await db.Actuals.AsNoTracking()
                .Where(a => a.IndicatorId == actual.IndicatorId && a.ScopeId == actual.ScopeId && a.Year == actual.Year && a.Period == actual.Period)
                .ToDictionaryAsync(a => a.Id, a => a.Revision, ct);
            var ids = revisions.Keys.Select(id => (Guid?)id).ToList();
            comments = comments.Where(c => ids.Contains(c.ActualId));
        }
        else comments = comments.Where(c => c.ActualId == null);
        return (await comments.ToListAsync(ct)).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new CommentResponse(c.Id, c.Kind, c.Text, c.Author, c.AuthorRole, EvidenceQueries.Utc(c.At), c.ActualId,
                c.ActualId is { } a ? revisions[a] : null))
            .ToList();
    }
}

public sealed class ListCommentsEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        Describe(app.MapGet("/api/actuals/{actual:guid}/comments", (Guid actual, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListComments(EvidenceOn.Actual(actual)), ct)), "ListActualComments", "The thread of a consuntivo (all revisions of its period)");
        Describe(app.MapGet("/api/indicators/{indicator}/comments", (string indicator, IMediator mediator, CancellationToken ct) =>
            mediator.Send(new ListComments(EvidenceOn.Indicator(indicator)), ct)), "ListIndicatorComments", "The thread of an indicator");
    }

    private static void Describe(RouteHandlerBuilder route, string name, string summary) =>
        route.WithName(name).WithTags("Evidence").WithSummary(summary).RequireAuthorization(Policies.ReadPlans)
            .Produces<IReadOnlyList<CommentResponse>>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<CommentResponse>(c => c.Id.ToString());
}
