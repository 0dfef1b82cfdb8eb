using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Performance.Api.Infrastructure;

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
    private readonly SingleFlight<string, AnswerBody> _computing = new();  // by slot and tag
    private readonly Lock _evicting = new();
    private long _clock, _held, _reused, _computed, _shared;  // _held: under _evicting

    /// <summary>Reads answered with a kept answer since this cache was created.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    /// <summary>Answers computed through <see cref="ComputeOnceAsync"/> since this cache was created.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>Reads sent the answer another read was computing when they came (<see cref="ComputeOnceAsync"/>).</summary>
    public long Shared => Interlocked.Read(ref _shared);

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

    /// <summary>
    /// One computation for the reads of one slot at one tag that come while it runs: after a write, every dashboard read
    /// at the new position would otherwise score the same plan at once on the same cores (the reads' tail latency under
    /// writes). The first read computes (<paramref name="compute"/>, which keeps what it can share); the others wait for
    /// its answer. When that answer cannot be shared (the computing read got an IResult, failed or was cancelled), a waiting
    /// read runs its own <paramref name="compute"/>, as it would have without this. Null when the read's own computation
    /// gives nothing to keep (an IResult, which the caller holds).
    /// </summary>
    public async Task<AnswerBody?> ComputeOnceAsync(string slot, string tag, Func<Task<AnswerBody?>> compute, CancellationToken ct)
    {
        var (body, shared) = await _computing.RunAsync(slot + "\n" + tag, async () =>
        {
            // A read that missed the kept answer may come here just after another computation ended: its answer is kept.
            if (Find(slot, tag) is { } kept) return kept;
            Interlocked.Increment(ref _computed);
            return await compute();
        }, ct);
        if (shared) Interlocked.Increment(ref _shared);
        return body;
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
