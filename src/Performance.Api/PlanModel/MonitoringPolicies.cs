using Performance.Api.Infrastructure;
using Performance.Domain.Language;
using Performance.Domain.Monitoring;
using Performance.Domain.Periods;

namespace Performance.Api.PlanModel;

/// <summary>The monitoring part of the plan's policy: validated on import, turned into the engine's rules on use.</summary>
public static class MonitoringPolicies
{
    public static MonitoringPolicy ToDomain(MonitoringPolicyDocument? d)
    {
        var defaults = MonitoringPolicy.Default;
        if (d is null) return defaults;
        return new MonitoringPolicy
        {
            OnTrackFrom = d.OnTrackFrom ?? defaults.OnTrackFrom,
            AtRiskFrom = d.AtRiskFrom ?? defaults.AtRiskFrom,
            EntryDays = d.EntryDays ?? defaults.EntryDays,
            Indicators = (d.Indicators ?? []).ToDictionary(i => i.Key, i => new IndicatorSchedule(
                Periods(i.Value.Profile),
                (i.Value.Targets ?? []).Where(y => int.TryParse(y.Key, out _))
                    .ToDictionary(y => int.Parse(y.Key, System.Globalization.CultureInfo.InvariantCulture), y => Periods(y.Value)))),
        };
    }

    private static IReadOnlyDictionary<Period, decimal> Periods(Dictionary<string, decimal>? values)
    {
        var periods = new Dictionary<Period, decimal>();
        foreach (var (key, value) in values ?? [])
            if (Period.TryParse(key, out var period)) periods[period] = value;
        return periods;
    }

    /// <summary>Every problem with its JSON path under <c>scoringPolicy.monitoring</c>.</summary>
    public static void Validate(MonitoringPolicyDocument? d, int startYear, int endYear, Func<string, bool> isIndicator, ValidationErrors errors)
    {
        if (d is null) return;
        const string root = "scoringPolicy.monitoring";
        var defaults = MonitoringPolicy.Default;
        if (d.OnTrackFrom is < 0) errors.Add($"{root}.onTrackFrom", Say.It("La soglia \"in linea\" non può essere negativa.", "The in-linea threshold must not be negative."));
        if (d.AtRiskFrom is < 0) errors.Add($"{root}.atRiskFrom", Say.It("La soglia \"a rischio\" non può essere negativa.", "The a-rischio threshold must not be negative."));
        if ((d.AtRiskFrom ?? defaults.AtRiskFrom) > (d.OnTrackFrom ?? defaults.OnTrackFrom))
            errors.Add($"{root}.atRiskFrom", Say.It("La soglia \"a rischio\" non può superare la soglia \"in linea\".", "The a-rischio threshold must not exceed the in-linea threshold."));
        if (d.EntryDays is < 0 or > 366) errors.Add($"{root}.entryDays", Say.It("Il calendario di inserimento prevede da 0 a 366 giorni dopo la fine del periodo.", "The entry calendar gives 0 to 366 days after a period's end."));
        foreach (var (code, schedule) in d.Indicators ?? [])
        {
            var path = $"{root}.indicators.{code}";
            if (!isIndicator(code)) errors.Add(path, Say.It($"Codice indicatore '{code}' sconosciuto nel piano.", $"Unknown indicator code '{code}' in the plan."));
            if (schedule.Profile is { Count: > 0 } profile)
            {
                var ok = true;
                foreach (var (key, share) in profile)
                {
                    if (!SlicePeriod(key, out _)) { errors.Add($"{path}.profile.{key}", Say.It($"\"{key}\" non è un periodo dell'anno (S1-S2, T1-T3, Q1-Q4, M01-M12).", $"\"{key}\" is not a period of the year (S1-S2, T1-T3, Q1-Q4, M01-M12).")); ok = false; }
                    if (share < 0) { errors.Add($"{path}.profile.{key}", Say.It("Una quota non può essere negativa.", "A share must not be negative.")); ok = false; }
                }
                if (ok && profile.Values.Sum() != 100m)
                    errors.Add($"{path}.profile", Say.It($"Le quote del profilo sommano a {profile.Values.Sum()}, non a 100.", $"The profile's shares add up to {profile.Values.Sum()}, not 100."));
                if (ok && profile.Keys.Select(Period.Parse).Distinct().Count() < profile.Count)
                    errors.Add($"{path}.profile", Say.It("Un periodo compare due volte nel profilo (\"M1\" e \"M01\" sono lo stesso mese).", "A period appears twice in the profile (\"M1\" and \"M01\" are the same month)."));
                else if (ok && profile.Keys.Select(Period.Parse).Select(p => p.Kind).Distinct().Count() > 1)
                    errors.Add($"{path}.profile", Say.It("Un profilo usa periodi di un solo tipo (tutti mesi, oppure tutti trimestri, ...).", "A profile uses periods of one kind (all months, or all quarters, ...)."));
            }

            foreach (var (year, targets) in schedule.Targets ?? [])
            {
                if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) || y < startYear || y > endYear)
                    errors.Add($"{path}.targets.{year}", Say.It($"\"{year}\" non è un anno del piano ({startYear}-{endYear}).", $"\"{year}\" is not a year of the plan ({startYear}-{endYear})."));
                foreach (var key in (targets ?? []).Keys)
                    if (!SlicePeriod(key, out _))
                        errors.Add($"{path}.targets.{year}.{key}", Say.It($"\"{key}\" non è un periodo dell'anno (S1-S2, T1-T3, Q1-Q4, M01-M12).", $"\"{key}\" is not a period of the year (S1-S2, T1-T3, Q1-Q4, M01-M12)."));
            }
        }
    }

    private static bool SlicePeriod(string code, out Period period) =>
        Period.TryParse(code, out period) && period.Kind is not (PeriodKind.Forecast or PeriodKind.Year);
}
