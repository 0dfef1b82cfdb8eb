namespace Performance.Api.Tests.Infrastructure;

/// <summary>Overlapping requests for the race tests.</summary>
public static class Racing
{
    /// <summary>Starts every call at once (behind one gate) and waits for all of them.</summary>
    public static async Task<HttpResponseMessage[]> TogetherAsync(params IEnumerable<Func<Task<HttpResponseMessage>>> calls)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = calls.Select(async call => { await gate.Task; return await call(); }).ToList();
        gate.SetResult();
        return await Task.WhenAll(running);
    }
}
