using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Performance.Api.PlanModel;

/// <summary>
/// The last serialized answer of each score read, with its ETag (<see cref="ScoreETags"/>). The tag names everything an
/// answer depends on — the plan's position in its change sequence, the request, the caller, the language and the day —
/// which is what lets a client be told 304; the same tag lets the service send the bytes it sent before instead of scoring
/// and serializing the plan again (an INPS-scale scorecard: 30,000 indicators, 15 MiB of JSON). A write moves the plan's
/// position, so the next read has a new tag, is computed afresh and replaces the answer kept for that read (its slot: the
/// tag's parts but the position). Bounded by <see cref="PlanCacheOptions.AnswerBudgetMiB"/>: the least recently sent
/// answers are dropped beyond it; an answer larger than the budget is not kept.
/// </summary>
public sealed class ScoreAnswerCache(IOptions<PlanCacheOptions> options)
{
    private readonly long _budget = (long)(options.Value.AnswerBudgetMiB * 1024 * 1024);
    private readonly ConcurrentDictionary<string, Entry> _answers = new(StringComparer.Ordinal);  // by slot
    private readonly Lock _evicting = new();
    private long _clock, _held, _reused;  // _held: under _evicting

    /// <summary>Reads answered with a kept answer since this cache was created.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    /// <summary>Bytes of the answers kept now.</summary>
    public long HeldBytes { get { lock (_evicting) return _held; } }

    private sealed class Entry(string tag, AnswerBody body, long lastUse)
    {
        public string Tag { get; } = tag;
        public AnswerBody Body { get; } = body;
        public long LastUse = lastUse;
    }

    /// <summary>The answer kept for this read at exactly this tag, or null.</summary>
    public AnswerBody? Find(string slot, string tag)
    {
        if (!_answers.TryGetValue(slot, out var entry) || entry.Tag != tag) return null;
        Interlocked.Exchange(ref entry.LastUse, Interlocked.Increment(ref _clock));
        Interlocked.Increment(ref _reused);
        Infrastructure.Telemetry.ScoreAnswersReused.Add(1);
        return entry.Body;
    }

    public void Keep(string slot, string tag, AnswerBody body)
    {
        if (body.Length > _budget) return;
        var entry = new Entry(tag, body, Interlocked.Increment(ref _clock));
        lock (_evicting)
        {
            // Concurrent reads at different positions may finish in any order: the last stored wins, and a read at another
            // position simply misses it (a tag is never confirmed for bytes computed at another position).
            if (_answers.TryGetValue(slot, out var old)) _held -= old.Body.Length;
            _answers[slot] = entry;
            _held += body.Length;
            if (_held > _budget) Evict();
        }
    }

    /// <summary>Under <see cref="_evicting"/>: drops the least recently sent answers until the kept ones fit.</summary>
    private void Evict()
    {
        foreach (var (slot, entry) in _answers.OrderBy(a => Interlocked.Read(ref a.Value.LastUse)).ToList())
        {
            if (_held <= _budget) break;
            if (_answers.TryRemove(new KeyValuePair<string, Entry>(slot, entry))) _held -= entry.Body.Length;
        }
    }
}
