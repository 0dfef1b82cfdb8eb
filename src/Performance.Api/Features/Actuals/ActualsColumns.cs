using Performance.Api.Infrastructure.Files;
namespace Performance.Api.Features.Actuals;

/// <summary>
/// The consuntivi file: one row per indicator × period. Reference columns (name, unit, target) are shown to whoever
/// fills it in and ignored on upload; the rest map onto <see cref="Actuals.ActualEntry"/> fields.
/// </summary>
public static class ActualsColumns
{
    public sealed record Column(string Header, string? Field, bool Reference, params string[] Aliases);

    public static readonly Column Code = new("Codice", "indicator", false, "codice indicatore", "indicator", "code");
    public static readonly Column Name = new("Indicatore", null, true, "nome", "name", "descrizione");
    public static readonly Column Unit = new("Unità", null, true, "unita di misura", "unit");
    public static readonly Column Target = new("Target", null, true, "valore atteso");
    public static readonly Column Year = new("Anno", "year", false, "year");
    public static readonly Column Period = new("Periodo", "period", false, "period");
    public static readonly Column Structure = new("Struttura", "structure", false, "structure", "codice struttura");
    public static readonly Column Value = new("Valore", "value", false, "consuntivo", "value");
    public static readonly Column Numerator = new("Numeratore", "numerator", false, "numerator");
    public static readonly Column Denominator = new("Denominatore", "denominator", false, "denominator");
    public static readonly Column Done = new("Fatto", "done", false, "realizzato", "done");
    public static readonly Column Completion = new("Completamento %", "completion", false, "completamento", "completion");
    public static readonly Column CompletedOn = new("Completato il", "completedOn", false, "data completamento", "completedon");
    public static readonly Column Note = new("Nota", "note", false, "note");
    public static readonly Column Justification = new("Giustificazione", "justification", false, "justification", "motivazione");
    public static readonly Column ReportedOn = new("Comunicato il", "reportedOn", false, "data comunicazione", "reportedon");

    public static readonly IReadOnlyList<Column> All =
        [Code, Name, Unit, Target, Year, Period, Structure, Value, Numerator, Denominator, Done, Completion, CompletedOn, Note, Justification, ReportedOn];

    /// <summary>The columns that carry a consuntivo: a template row with all of them empty was not filled in and is skipped.</summary>
    public static readonly IReadOnlyList<Column> Measures = [Value, Numerator, Denominator, Done, Completion, CompletedOn, Note, Justification];

    public static Column? Find(string header)
    {
        var folded = OfficeText.Fold(header);
        return All.FirstOrDefault(c => OfficeText.Fold(c.Header) == folded || c.Aliases.Contains(folded));
    }

    public static Column? ForField(string field) => All.FirstOrDefault(c => c.Field == field);
}
