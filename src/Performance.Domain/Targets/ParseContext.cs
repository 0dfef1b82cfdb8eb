namespace Performance.Domain.Targets;

/// <summary>One reading of one target text: the cursor, the inputs that shape the reading, and the warnings gathered on the way.</summary>
internal sealed class ParseContext(string text, Polarity? polarity, int? year)
{
    private readonly List<TargetWarning> _warnings = [];

    public TargetCursor C { get; } = new(text);

    /// <summary>The text as given, trimmed: what <see cref="ParsedTarget.Text"/> keeps.</summary>
    public string Original { get; } = TargetCursor.Trim(text);

    public Polarity? Polarity { get; } = polarity;
    public int? Year { get; } = year;

    /// <summary>Whether a digit stands anywhere after p (computed once: prose asks it word after word).</summary>
    public bool DigitAfter(int p)
    {
        if (_lastDigit == Unknown)
        {
            _lastDigit = -1;
            for (var i = C.End - 1; i >= 0; i--)
            {
                if (!TargetCursor.IsDigit(C.Lower[i])) continue;
                _lastDigit = i;
                break;
            }
        }
        return _lastDigit > p;
    }

    private const int Unknown = -2;
    private int _lastDigit = Unknown;

    public void Warn(string code, string message)
    {
        if (!_warnings.Exists(w => w.Code == code)) _warnings.Add(new(code, message));
    }

    /// <summary>The target with the warnings gathered so far.</summary>
    public ParsedTarget WithWarnings(ParsedTarget target) =>
        _warnings.Count == 0 ? target : target with { Warnings = new ValueList<TargetWarning>([.. target.Warnings, .. _warnings]) };

    public TargetParseException Fail(int position, string expected) => C.Fail(position, expected);
}
