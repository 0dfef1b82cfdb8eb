using System.Buffers;
using System.Text.Json;

namespace Performance.Api.PlanModel;

/// <summary>
/// A serialized score answer held in chunks of 64 KiB. An INPS-scale scorecard is about 15 MiB of JSON: serialized into
/// one array, every read put a 15 MiB copy and the 16–32 MiB buffers it grew through on the large object heap, which only
/// a full collection frees — the service's resident memory climbed by hundreds of MiB over a few reads. Chunks below the
/// large-object threshold are ordinary young objects: freed by the next collection when the answer is not kept.
/// Written once by the serializer, then read-only (a kept answer is sent to many readers at once).
/// </summary>
public sealed class AnswerBody : IBufferWriter<byte>
{
    /// <summary>Below the 85,000-byte large-object threshold.</summary>
    internal const int ChunkSize = 64 * 1024;

    private readonly List<(byte[] Buffer, int Length)> _chunks = [];
    private byte[]? _current;
    private int _used;

    /// <summary>The answer's length in bytes.</summary>
    public long Length { get; private set; }

    /// <summary>The answer serialized as the endpoint would serialize it, with the same options.</summary>
    public static AnswerBody Serialize(object answer, JsonSerializerOptions options)
    {
        var body = new AnswerBody();
        using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions
               {
                   Encoder = options.Encoder, Indented = options.WriteIndented, IndentCharacter = options.IndentCharacter,
                   IndentSize = options.IndentSize, NewLine = options.NewLine, MaxDepth = options.MaxDepth,
               }))
            JsonSerializer.Serialize(writer, answer, answer.GetType(), options);
        body.Complete();
        return body;
    }

    public void Advance(int count)
    {
        if (_current is null || count < 0 || _used + count > _current.Length) throw new InvalidOperationException("Advanced past the buffer.");
        _used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_used);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_used);

    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _used >= needed) return _current;
        Complete();
        // A value longer than a chunk (a very long text) gets a buffer of its own size.
        _current = new byte[Math.Max(ChunkSize, needed)];
        return _current;
    }

    /// <summary>Closes the chunk being written; the next write starts a new one.</summary>
    private void Complete()
    {
        if (_current is not null && _used > 0) _chunks.Add((_current, _used));
        (_current, _used) = (null, 0);
    }

    public async Task WriteToAsync(Stream destination, CancellationToken ct)
    {
        foreach (var (buffer, length) in _chunks) await destination.WriteAsync(buffer.AsMemory(0, length), ct);
    }

    /// <summary>The whole answer in one array (tests and small answers).</summary>
    public byte[] ToArray()
    {
        var all = new byte[Length];
        var at = 0;
        foreach (var (buffer, length) in _chunks)
        {
            buffer.AsSpan(0, length).CopyTo(all.AsSpan(at));
            at += length;
        }
        return all;
    }

    /// <summary>A body holding these bytes (tests).</summary>
    public static AnswerBody Of(ReadOnlySpan<byte> bytes)
    {
        var body = new AnswerBody();
        while (!bytes.IsEmpty)
        {
            var span = body.GetSpan();
            var n = Math.Min(span.Length, bytes.Length);
            bytes[..n].CopyTo(span);
            body.Advance(n);
            bytes = bytes[n..];
        }
        body.Complete();
        return body;
    }

    /// <summary>Sends the answer as JSON, its length declared.</summary>
    public IResult AsResult(string contentType) => new Result(this, contentType);

    private sealed class Result(AnswerBody body, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = body.Length;
            return body.WriteToAsync(httpContext.Response.Body, httpContext.RequestAborted);
        }
    }
}
