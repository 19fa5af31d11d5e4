using System.Buffers;

namespace AiMemory.Hosting.Stdio.Transport;

/// <summary>
/// The stdout side of the protocol: passes on only whole lines, one at a time. The MCP SDK writes a message and
/// its line break in two calls, and <see cref="GuardedInputStream"/> writes its error replies from the reading side,
/// so every line is held until it is complete and then written under one lock. No reply can land inside another.
/// </summary>
/// <param name="destination">The process's stdout.</param>
/// <param name="outstanding">The requests awaiting a response; each response the server writes completes one.</param>
internal sealed class ProtocolOutputStream(Stream destination, OutstandingRequests outstanding) : Stream
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _pending = new(4096);

    /// <inheritdoc/>
    public override bool CanRead => false;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes one complete line, such as an error reply, between the lines of other writers.</summary>
    public async ValueTask WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await destination.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var lastLineBreak = buffer.Span.LastIndexOf((byte)'\n');
        if (lastLineBreak < 0)
        {
            _pending.Write(buffer.Span);
            return;
        }

        _pending.Write(buffer.Span[..(lastLineBreak + 1)]);
        var responses = CountResponses(_pending.WrittenSpan);
        await WriteLineAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _pending.ResetWrittenCount();
        for (var index = 0; index < responses; index++)
        {
            outstanding.Complete();
        }

        _pending.Write(buffer.Span[(lastLineBreak + 1)..]);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        // Complete lines are flushed as they are written; a partial line waits for its line break.
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc/>
    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    private static int CountResponses(ReadOnlySpan<byte> lines)
    {
        var count = 0;
        while (!lines.IsEmpty)
        {
            var lineBreak = lines.IndexOf((byte)'\n');
            var line = lineBreak < 0 ? lines : lines[..lineBreak];
            if (JsonRpcLineCheck.IsResponse(line))
            {
                count++;
            }

            lines = lineBreak < 0 ? [] : lines[(lineBreak + 1)..];
        }

        return count;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            destination.Dispose();
            _lock.Dispose();
        }

        base.Dispose(disposing);
    }
}
