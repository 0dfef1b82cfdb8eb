using Microsoft.EntityFrameworkCore;
using Performance.Api.Infrastructure;
using Performance.Api.Persistence;
using Performance.Domain.Language;

namespace Performance.Api.PlanModel;

/// <summary>A year the OIV has validated is a closed record for the judgements made on it (forzature, samples).</summary>
public static class YearRecord
{
    public static async Task EnsureNotValidatedAsync(PerformanceDbContext db, Guid planId, int year, CancellationToken ct)
    {
        if (await db.YearValidations.AsNoTracking().FirstOrDefaultAsync(v => v.PlanId == planId && v.Year == year, ct) is { } validation)
            throw new ConflictException(Say.It($"L'anno {year} è stato validato da {validation.ValidatedBy} il {validation.ValidatedAt:yyyy-MM-dd}: fa parte degli atti.", $"Year {year} was validated by {validation.ValidatedBy} on {validation.ValidatedAt:yyyy-MM-dd}: it is part of the record."), ConflictCodes.YearValidated);
    }
}
