using System.Buffers.Binary;
using System.Collections.Concurrent;
using Performance.Domain.Plans;

namespace Performance.Domain.Tests.Plans;

/// <summary>The keys of consuntivi, indicators and nodes: RFC 9562 version 7, time-ordered as stored (text), never repeated.</summary>
public sealed class KeysTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 23, 40, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_key_is_a_version_7_key_carrying_its_millisecond_like_the_runtimes_own()
    {
        var key = Keys.TimeOrdered(At).ToByteArray(bigEndian: true);
        var runtime = Guid.CreateVersion7(At).ToByteArray(bigEndian: true);

        Assert.Equal(At.ToUnixTimeMilliseconds(), BinaryPrimitives.ReadInt64BigEndian(key) >>> 16);
        Assert.Equal(runtime[..6], key[..6]);
        Assert.Equal(0x70, key[6] & 0xF0);
        Assert.Equal(0x80, key[8] & 0xC0);
        Assert.Equal(7, Keys.TimeOrdered(At).Version);
    }

    [Fact]
    public void Keys_of_later_milliseconds_sort_later_as_SQLite_stores_them()
    {
        var keys = Enumerable.Range(0, 2_000).Select(i => Keys.TimeOrdered(At.AddMilliseconds(i * 7))).ToList();
        var asStored = keys.Select(k => k.ToString().ToUpperInvariant()).ToList();

        Assert.Equal(asStored.Order(StringComparer.Ordinal), asStored);
    }

    [Fact]
    public void Keys_made_at_once_on_many_threads_never_repeat_across_refills_of_the_random_bytes()
    {
        var keys = new ConcurrentBag<Guid>();
        // 4 threads × 5,000 keys of the same millisecond: each thread refills its random bytes a dozen times.
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            for (var i = 0; i < 5_000; i++) keys.Add(Keys.TimeOrdered(At));
        });

        Assert.Equal(20_000, keys.Distinct().Count());
    }

    [Fact]
    public void A_date_outside_what_48_bits_of_milliseconds_hold_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Keys.TimeOrdered(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }
}
