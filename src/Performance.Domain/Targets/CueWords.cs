namespace Performance.Domain.Targets;

/// <summary>
/// The words that decide how a target is read (docs/targets.md lists them for users). Phrases are lower case;
/// ' ' stands for any run of spaces and '\'' for any apostrophe (<see cref="TargetCursor.Match"/>).
/// </summary>
internal static class CueWords
{
    /// <summary>Whole texts meaning "no target this year" (trailing periods are ignored: "n.d." = "n.d").</summary>
    public static readonly string[] NoTargetForms =
    [
        "n.d", "n. d", "nd", "n/d", "n.a", "n. a", "n/a", "na", "n.p", "n.r", "n.v", "tbd", "-", "--", "---", "—", "–", "/", "//",
        "nessuno", "nessuna", "nessun target", "nessun valore", "nessun obiettivo",
    ];

    /// <summary>Phrases meaning "no target" that may be followed by plain words ("non previsto per il 2025").</summary>
    public static readonly string[] NoTargetPhrases =
    [
        "non previsto", "non prevista", "non previsti", "non previste", "non applicabile", "non applicabili", "non pertinente",
        "non rilevante", "non rilevato", "non rilevata", "non disponibile", "non valorizzato", "non valorizzabile", "target non previsto",
        "target non definito", "valore non previsto",
    ];

    /// <summary>Characters a template placeholder is made of ("…", "xx", "__", "?").</summary>
    public const string PlaceholderChars = "….xX_?*[]() ";

    /// <summary>
    /// Words that make a description a milestone (something done or not done). Matched as whole words or, for the
    /// stems, as the start of a word ("realizz" covers realizzazione, realizzare, realizzato). A word a stem covers is not
    /// listed again ("rispetto" is "rispett", "attivazione" is "attiva"): such an entry could be removed unnoticed
    /// (docs/mutation.md, "Word tables").
    /// </summary>
    public static readonly string[] MilestoneWords =
    [
        "si", "sì", "no", "on", "off", "fatto", "fatta", "ok", "presente", "entro", "referto", "referti", "report",
        "relazione", "documento", "piano", "regolamento", "vademecum", "guida", "mappa",
    ];

    public static readonly string[] MilestoneStems =
    [
        "realizz", "adozion", "adott", "approv", "attiva", "predispo", "attua", "implement", "rendicont",
        "redazion", "redig", "pubblica", "complet", "conclu", "avvi", "defini", "aggiorn", "elabor",
        "emana", "stipul", "sottoscri", "costituz", "istituz", "istitui", "eroga", "organizz", "svolg", "trasmi", "presentazion",
        "invio", "consegn", "monitor", "verific", "mappatur", "ricogni", "digitalizz", "informatizz", "migrazion", "integrazion",
        "rilasci", "svilupp", "revision", "riorganizz", "progett", "individua", "identifica", "costruzion", "consolid", "diffusion",
        "promozion", "adempi", "tempestiv", "valutazion", "rispett", "esegu", "effettua", "aggiudica", "disponibilit", "dispiega",
        "redatt", "nomin", "formazion", "acquisi", "certifica", "raccolta", "misurazion",
    ];

    /// <summary>
    /// Directions of a relative target. Null: "miglioramento" follows the indicator's polarity; "dimezzamento" and
    /// "raddoppio" are recognised so that they are refused (write the change as a percentage) rather than dropped.
    /// </summary>
    public static readonly (string Phrase, ChangeDirection? Direction)[] DirectionWords = ByLength(
    [
        ("incremento", ChangeDirection.Increase), ("incrementi", ChangeDirection.Increase), ("incrementare", ChangeDirection.Increase),
        ("aumento", ChangeDirection.Increase), ("aumenti", ChangeDirection.Increase), ("aumentare", ChangeDirection.Increase),
        ("crescita", ChangeDirection.Increase), ("innalzamento", ChangeDirection.Increase),
        ("riduzione", ChangeDirection.Decrease), ("riduzioni", ChangeDirection.Decrease), ("ridurre", ChangeDirection.Decrease),
        ("diminuzione", ChangeDirection.Decrease), ("diminuire", ChangeDirection.Decrease), ("decremento", ChangeDirection.Decrease),
        ("contrazione", ChangeDirection.Decrease), ("calo", ChangeDirection.Decrease), ("abbattimento", ChangeDirection.Decrease),
        ("abbattere", ChangeDirection.Decrease), ("dimezzamento", null),
        ("mantenimento", ChangeDirection.Maintain), ("mantenere", ChangeDirection.Maintain), ("in linea con", ChangeDirection.Maintain),
        ("miglioramento", null), ("migliorare", null), ("raddoppio", null),
        ("in più", ChangeDirection.Increase), ("in piu", ChangeDirection.Increase), ("in aumento", ChangeDirection.Increase),
        ("in crescita", ChangeDirection.Increase), ("in meno", ChangeDirection.Decrease), ("in diminuzione", ChangeDirection.Decrease),
        ("in calo", ChangeDirection.Decrease),
    ]);

    /// <summary>"Ulteriori 300 imprese": an absolute increase, when a number follows.</summary>
    public static readonly string[] FurtherWords = ["ulteriori", "ulteriore", "altri", "altre", "altro", "altra"];

    /// <summary>
    /// Introduce the reference of a relative target ("rispetto al 2023"): after them a reference must follow. "sulla
    /// baseline", "sul valore 2023" need no entry: a reference body ("la baseline", "valore 2023") is read wherever it
    /// stands in a change, and "sulla" alone is prose ("Formazione sulla sicurezza").
    /// </summary>
    public static readonly string[] ReferenceIntros = ByLength(
    [
        "rispetto all'", "rispetto allo", "rispetto alla", "rispetto alle", "rispetto agli", "rispetto al", "rispetto ai",
        "rispetto ad", "rispetto a", "in confronto al", "in confronto alla", "in confronto all'", "vs.", "vs", "versus",
    ]);

    /// <summary>Words that name a reference by themselves (a relative target, or a stray reference).</summary>
    public static readonly string[] ReferenceWords = ByLength(
        ["baseline", "linea di base", "anno precedente", "anno scorso", "esercizio precedente", "valore di partenza", "valore iniziale"]);

    /// <summary>
    /// Words that change what is measured: a target holding them cannot be one figure against one value, so the text is refused
    /// rather than read without them.
    /// </summary>
    public static readonly string[] ScopeWords = ByLength(
    [
        "di cui", "escluso", "esclusa", "esclusi", "escluse", "ad esclusione", "con esclusione", "eccetto", "tranne", "salvo",
        "al netto", "oltre a", "oltre al", "oltre alla", "oltre all'", "oltre ai", "oltre agli", "oltre alle", "in aggiunta",
        "per ogni", "per ciascun", "per ciascuno", "per ciascuna", "ciascun", "ciascuno", "ciascuna", "circa", "in media",
        "per un totale", "in totale", "complessivamente", "cumulat", "progressiv", "rispettivamente",
    ]);

    /// <summary>
    /// A period shorter than the year. Right after a number's unit it joins the label ("2 incontri al mese"); further on
    /// in the words after a target it is refused ("1 report inviato ogni mese"); in a milestone it is plain ("Report trimestrali").
    /// </summary>
    public static readonly string[] PeriodWords = ByLength(
    [
        "al giorno", "alla settimana", "a settimana", "per settimana", "al mese", "per mese", "al bimestre", "al trimestre",
        "a trimestre", "per trimestre", "al quadrimestre", "al semestre", "a semestre", "per semestre", "ogni giorno",
        "ogni settimana", "ogni mese", "ogni bimestre", "ogni trimestre", "ogni quadrimestre", "ogni semestre", "giornalieri",
        "giornaliere", "giornaliero", "giornaliera", "settimanali", "settimanale", "mensili", "mensile", "trimestrali",
        "trimestrale", "quadrimestrali", "quadrimestrale", "semestrali", "semestrale",
    ]);

    /// <summary>
    /// Operator words that are never plain prose: when no number follows them the text is refused ("almeno di base"),
    /// since dropping them would change the target.
    /// </summary>
    public static readonly string[] OperatorWords = ByLength(
    [
        "almeno", "non oltre", "al massimo", "al più", "al piu", "come minimo", "al minimo", "non inferiore", "non superiore",
        "non meno", "non più", "non piu", "non minore", "non maggiore", "esattamente", "fino a", "fino al", "fino alla",
    ]);

    /// <summary>Words after which a number names something (an article, a phase, a law) instead of measuring it.</summary>
    public static readonly HashSet<string> IdentifierWords =
    [
        "fase", "fasi", "art", "artt", "articolo", "articoli", "comma", "commi", "c", "co", "lett", "lettera", "legge", "l", "lgs", "d.lgs",
        "dlgs", "dpr", "d.p.r", "dm", "d.m", "dl", "d.l", "decreto", "delibera", "deliberazione", "determina", "determinazione",
        "circolare", "nota", "regolamento", "versione", "v", "lotto", "misura", "missione", "componente", "linea", "azione", "punto",
        "paragrafo", "par", "sezione", "capitolo", "cap", "allegato", "tabella", "tab", "livello", "gruppo", "tipo", "classe", "ob",
        "obiettivo", "os", "oo", "step", "modulo", "edizione", "release", "progetto", "cup", "cig", "codice", "area", "ambito",
        "programma", "titolo", "capo", "reg", "regolamenti", "ue", "ce", "direttiva", "trimestre", "semestre", "quadrimestre",
    ];

    /// <summary>Law-like words after which "n. 190" is a number of an act, not a count.</summary>
    public static readonly HashSet<string> ActWords =
    [
        "legge", "l", "lgs", "d.lgs", "dlgs", "dpr", "d.p.r", "dm", "d.m", "dl", "d.l", "decreto", "delibera", "deliberazione",
        "determina", "determinazione", "circolare", "nota", "regolamento", "reg", "direttiva", "atto", "provvedimento", "ordinanza",
        "decisione", "dpcm", "d.p.c.m", "protocollo", "prot",
    ];

    /// <summary>Descriptions of a target still to be set: read as milestones (the parser's first tests pin "Da definire") but always warned.</summary>
    public static readonly string[] PendingPhrases =
        ["da definire", "da stabilire", "da individuare", "da determinare", "in corso di definizione", "in definizione"];

    public static bool IsMilestoneWord(string lower) =>
        MilestoneWords.Contains(lower) || MilestoneStems.Any(s => lower.StartsWith(s, StringComparison.Ordinal));

    /// <summary>The longest of <paramref name="phrases"/> that matches at p, with its end; null when none.</summary>
    public static (string Phrase, int End)? MatchAny(TargetCursor c, int p, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            var end = c.Match(p, phrase);
            if (end >= 0) return (phrase, end);
        }
        return null;
    }

    /// <summary>Scope words match as prefixes too ("cumulat" covers cumulato, cumulativo).</summary>
    public static (string Phrase, int End)? MatchScope(TargetCursor c, int p)
    {
        foreach (var phrase in ScopeWords)
        {
            var end = c.Match(p, phrase);
            if (end >= 0) return (phrase, end);
            if (phrase is "cumulat" or "progressiv" && StartsWord(c, p, phrase)) return (phrase, WordEnd(c, p));
        }
        return null;
    }

    public static (string Phrase, ChangeDirection? Direction, int End)? MatchDirection(TargetCursor c, int p)
    {
        foreach (var (phrase, direction) in DirectionWords)
        {
            var end = c.Match(p, phrase);
            if (end >= 0) return (phrase, direction, end);
        }
        return null;
    }

    public static int WordEnd(TargetCursor c, int p)
    {
        while (char.IsLetter(c.At(p))) p++;
        return p;
    }

    private static bool StartsWord(TargetCursor c, int p, string prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (c.At(p + i) != prefix[i]) return false;
        }
        return true;
    }

    // Longest first, so "rispetto alla" wins over "rispetto a" and "non oltre" over "oltre".
    private static string[] ByLength(string[] phrases) => [.. phrases.OrderByDescending(p => p.Length)];

    private static (string, ChangeDirection?)[] ByLength((string, ChangeDirection?)[] phrases) =>
        [.. phrases.OrderByDescending(p => p.Item1.Length)];
}
