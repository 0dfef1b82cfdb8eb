using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Language;

namespace Performance.Api.PlanModel;

/// <summary>
/// A year the OIV has validated is a closed record for the judgements made on it (forzature, samples): a 409 naming the
/// validation, as every other change of that year answers. Call it under the plan's lock where the write decides a rule.
/// </summary>
public static class YearRecord
{
    public static async Task EnsureNotValidatedAsync(PerformanceDbContext db, Guid planId, int year, CancellationToken ct)
    {
        if (await db.YearValidations.AsNoTracking().FirstOrDefaultAsync(v => v.PlanId == planId && v.Year == year, ct) is { } validation)
            throw new ConflictException(Domain.Plans.PlanFreeze.Describe(validation), ConflictCodes.YearValidated);
    }
}
