using System.Collections.Concurrent;

namespace Performance.Api.Infrastructure;

/// <summary>
/// One computation per key at a time: a caller that comes while the key's computation runs waits for its value instead of
/// computing the same thing again. When that computation fails, is cancelled or gives null (nothing to share), each caller
/// that waited for it computes its own, as it would have alone (one caller's cancelled request must not fail the others).
/// </summary>
public sealed class SingleFlight<TKey, TValue> where TKey : notnull where TValue : class
{
    // The computation under way per key; its value is null when it failed, was cancelled or had nothing to share.
    private readonly ConcurrentDictionary<TKey, Task<TValue?>> _running = new();

    /// <returns>The value (null only when this caller's own computation gave null), and whether it came from another
    /// caller's computation.</returns>
    public async Task<(TValue? Value, bool Shared)> RunAsync(TKey key, Func<Task<TValue?>> compute, CancellationToken ct)
    {
        var mine = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd(key, mine.Task);
        if (running != mine.Task)
            return await running.WaitAsync(ct) is { } shared ? (shared, true) : (await compute(), false);
        try
        {
            var value = await compute();
            mine.SetResult(value);
            return (value, false);
        }
        catch
        {
            mine.SetResult(null);
            throw;
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<TKey, Task<TValue?>>(key, mine.Task));
        }
    }
}
