using Performance.Api.Infrastructure;

namespace Performance.Api.Tests.Infrastructure;

/// <summary>
/// <see cref="SingleFlight{TKey, TValue}"/>: callers of one key that come while its computation runs get its value; when it
/// fails, is cancelled or gives nothing to share they compute their own; a waiter's own cancellation ends only its wait.
/// Each caller joins (or starts) the key's computation before its call returns, so these orderings are exact, not timed.
/// </summary>
public sealed class SingleFlightTests
{
    private sealed class Value(string name)
    {
        public string Name { get; } = name;
    }

    private static Task<Value?> Ready(string name) => Task.FromResult<Value?>(new Value(name));

    [Fact]
    public async Task A_caller_that_comes_while_the_key_is_computed_gets_that_value_and_computes_nothing()
    {
        var flight = new SingleFlight<string, Value>();
        var release = new TaskCompletionSource<Value?>();
        var first = flight.RunAsync("k", () => release.Task, CancellationToken.None);
        var secondComputed = false;
        var second = flight.RunAsync("k", () => { secondComputed = true; return Ready("second"); }, CancellationToken.None);
        Assert.False(second.IsCompleted);

        var value = new Value("first");
        release.SetResult(value);
        Assert.Equal((value, false), await first);
        Assert.Equal((value, true), await second);
        Assert.False(secondComputed);
    }

    [Fact]
    public async Task Another_key_and_a_later_call_compute_their_own()
    {
        var flight = new SingleFlight<string, Value>();
        var release = new TaskCompletionSource<Value?>();
        var running = flight.RunAsync("k", () => release.Task, CancellationToken.None);
        var (other, otherShared) = await flight.RunAsync("other", () => Ready("other"), CancellationToken.None);
        Assert.Equal(("other", false), (other!.Name, otherShared));
        release.SetResult(new Value("first"));
        await running;

        var (later, laterShared) = await flight.RunAsync("k", () => Ready("later"), CancellationToken.None);
        Assert.Equal(("later", false), (later!.Name, laterShared));
    }

    public enum Ending { Failed, Cancelled, NothingToShare }

    [Theory]
    [InlineData(Ending.Failed)]
    [InlineData(Ending.Cancelled)]      // the computing caller's request was cancelled
    [InlineData(Ending.NothingToShare)] // its computation gave null
    public async Task When_the_computation_a_caller_waits_for_ends_without_a_value_the_caller_computes_its_own(Ending ending)
    {
        var flight = new SingleFlight<string, Value>();
        var release = new TaskCompletionSource<Value?>();
        var first = flight.RunAsync("k", () => release.Task, CancellationToken.None);
        var second = flight.RunAsync("k", () => Ready("second"), CancellationToken.None);

        switch (ending)
        {
            case Ending.Failed:
                release.SetException(new InvalidOperationException("the database went away"));
                await Assert.ThrowsAsync<InvalidOperationException>(() => first);
                break;
            case Ending.Cancelled:
                release.SetCanceled();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
                break;
            default:
                release.SetResult(null);
                Assert.Equal((null, false), await first);
                break;
        }
        var (value, shared) = await second;
        Assert.Equal("second", value!.Name);
        Assert.False(shared);
    }

    [Fact]
    public async Task A_waiting_caller_whose_request_is_cancelled_stops_waiting_and_the_computation_goes_on()
    {
        var flight = new SingleFlight<string, Value>();
        var release = new TaskCompletionSource<Value?>();
        var first = flight.RunAsync("k", () => release.Task, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = flight.RunAsync("k", () => Ready("never"), cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.False(first.IsCompleted);
        var value = new Value("first");
        release.SetResult(value);
        Assert.Same(value, (await first).Value);
    }
}
