namespace Performance.Api.Infrastructure;

/// <summary>
/// A forward-only, read-only view of a stream that shows every read to <see cref="Checked"/> (a body limit, a
/// decompression budget), whichever read method the consumer calls, so a check cannot be bypassed.
/// </summary>
public abstract class CheckedReadStream(Stream inner, bool ownsInner) : Stream
{
    private long _total;

    /// <summary>Sees each read (its byte count, 0 at the end of the stream) and the total so far; throws to stop the reading.</summary>
    protected abstract void Checked(int read, long total);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _total; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    private int Count(int read)
    {
        _total += read;
        Checked(read, _total);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner) inner.Dispose();
        base.Dispose(disposing);
    }
}
