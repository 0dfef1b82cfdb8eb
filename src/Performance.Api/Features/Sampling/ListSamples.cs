using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;

namespace Performance.Api.Features.Sampling;

/// <summary>The verification samples of a plan year (the one in force first, superseded ones after), or one sample by id.</summary>
public sealed record ListSamples(string Plan, int Year) : IRequest<IReadOnlyList<SampleResponse>>;

public sealed record GetSample(Guid Id) : IRequest<SampleResponse>;

public sealed class ListSamplesHandler(PerformanceDbContext db) : IRequestHandler<ListSamples, IReadOnlyList<SampleResponse>>, IRequestHandler<GetSample, SampleResponse>
{
    public async Task<IReadOnlyList<SampleResponse>> Handle(ListSamples request, CancellationToken ct) =>
        await SampleQueries.ListAsync(db, (await db.FindPlanAsync(request.Plan, ct)).Id, request.Year, ct);

    public async Task<SampleResponse> Handle(GetSample request, CancellationToken ct)
    {
        var sample = await db.Set<VerificationSample>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.Id, ct);
        if (sample is null || !await db.VisiblePlans().AnyAsync(p => p.Id == sample.PlanId, ct)) throw new NotFoundException("Sample", request.Id.ToString());
        return (await SampleQueries.ListAsync(db, sample.PlanId, sample.Year, ct, sample.Id)).Single();
    }
}

public sealed class ListSamplesEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{plan}/years/{year:int}/samples", (string plan, int year, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new ListSamples(plan, year), ct))
            .WithName(nameof(ListSamples)).WithTags("Sampling").RequireAuthorization(Policies.Audit)
            .WithSummary("The verification samples of a year with their checks")
            .Produces<IReadOnlyList<SampleResponse>>().ProducesProblem(StatusCodes.Status404NotFound)
            .Paged<SampleResponse>(s => s.Id.ToString());
        app.MapGet("/api/samples/{id:guid}", (Guid id, IMediator mediator, CancellationToken ct) => mediator.Send(new GetSample(id), ct))
            .WithName(nameof(GetSample)).WithTags("Sampling").RequireAuthorization(Policies.Audit)
            .WithSummary("A verification sample: seed, size, algorithm, the figures drawn and their checks")
            .Produces<SampleResponse>().ProducesProblem(StatusCodes.Status404NotFound);
    }
}
