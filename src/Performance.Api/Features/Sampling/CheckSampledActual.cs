using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Infrastructure.Security;
using Performance.Api.Persistence;
using Performance.Api.PlanModel;
using Performance.Domain.Evidence;
using Performance.Domain.Language;

namespace Performance.Api.Features.Sampling;

/// <summary>
/// The OIV records what it found for a sampled consuntivo: verified against its source, or not verified (with what was
/// wrong). Marks can be changed until the year is validated; every mark is an audit entry with before and after.
/// </summary>
public sealed record CheckSampledActual(Guid Sample, Guid Actual, SampleOutcome? Outcome, string? Note) : IRequest<SampleItemResponse>;

/// <summary>
/// The OIV's check of a sampled consuntivo (<c>POST /api/samples/{sample}/items/{actual}</c>); it may be marked again until
/// the year is validated, only in the sample in force.
/// </summary>
/// <param name="Outcome">Verified or NotVerified (Pending is refused).</param>
/// <param name="Note">What did not match: required with NotVerified, optional with Verified; at most 4000 characters.</param>
public sealed record SampleCheckBody(SampleOutcome? Outcome, string? Note);

public sealed class CheckSampledActualValidator : AbstractValidator<CheckSampledActual>
{
    public CheckSampledActualValidator()
    {
        RuleFor(x => x.Outcome).Must(o => o is SampleOutcome.Verified or SampleOutcome.NotVerified)
            .WithMessage(_ => Say.It("L'esito è Verified o NotVerified.", "The outcome is Verified or NotVerified.")).OverridePropertyName("outcome");
        RuleFor(x => x.Note).Must(n => !string.IsNullOrWhiteSpace(n)).When(x => x.Outcome == SampleOutcome.NotVerified)
            .WithMessage(_ => Say.It("Indicare che cosa non corrisponde (note).", "Say what did not match (note).")).OverridePropertyName("note");
        RuleFor(x => x.Note).Text("note");
    }
}

public sealed class CheckSampledActualHandler(PerformanceDbContext db, AuditTrail audit, AccessScope scope, TimeProvider time)
    : IRequestHandler<CheckSampledActual, SampleItemResponse>
{
    public async Task<SampleItemResponse> Handle(CheckSampledActual request, CancellationToken ct)
    {
        var planId = await db.Set<VerificationSample>().Where(s => s.Id == request.Sample).Select(s => (Guid?)s.PlanId).SingleOrDefaultAsync(ct);
        var plan = planId is null ? null : await db.VisiblePlans().Include(p => p.Organization).SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) throw new NotFoundException("Sample", request.Sample.ToString());
        // Marked under the plan's lock, read after it: a check never changes the outcome of a year validated meanwhile.
        await using var transaction = await db.BeginPlanWriteAsync(plan.Id, ct);
        var sample = await db.Set<VerificationSample>().Include(s => s.Items).SingleAsync(s => s.Id == request.Sample, ct);
        var item = sample.Items.SingleOrDefault(i => i.ActualId == request.Actual)
                   ?? throw new NotFoundException("Consuntivo in the sample", request.Actual.ToString());
        await YearRecord.EnsureNotValidatedAsync(db, plan.Id, sample.Year, ct);
        if (sample.SupersededById is { } by) throw new ConflictException(Say.It($"Il campione è stato sostituito dal campione {by}: verificare i dati di quello.", $"The sample was superseded by sample {by}: check the figures of that one."), ConflictCodes.RevisionSuperseded);

        var before = new { item.Outcome, item.Note };
        (item.Outcome, item.Note, item.CheckedBy, item.CheckedAt) =
            (request.Outcome!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), scope.Actor, time.UtcNow());
        var actual = await db.Actuals.AsNoTracking().SingleAsync(a => a.Id == item.ActualId, ct);
        var indicator = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == actual.IndicatorId, ct);
        audit.Record("SampleChecked", "Sample", sample.Id, $"{indicator.Code} {actual.Year} {actual.Period} r{actual.Revision}", plan.Id, plan.Organization.Code,
            before, new { item.Outcome, item.Note }, indicatorId: indicator.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return SampleQueries.Item(item, actual, indicator);
    }
}

public sealed class CheckSampledActualEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/samples/{sample:guid}/items/{actual:guid}", (Guid sample, Guid actual, SampleCheckBody? body, IMediator mediator, CancellationToken ct) =>
                mediator.Send(new CheckSampledActual(sample, actual, body?.Outcome, body?.Note), ct))
            .WithName(nameof(CheckSampledActual)).WithTags("Sampling").RequireAuthorization(Policies.Validate)
            .WithSummary("Mark a sampled consuntivo Verified or NotVerified, with a note (OIV)")
            .Produces<SampleItemResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
