using System.Buffers;
using AiMemory.Hosting.Stdio.Logging;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Stdio.Transport;

/// <summary>
/// The stdin side of the protocol: reads newline-delimited messages and passes on only the lines that are JSON-RPC
/// messages (see <see cref="JsonRpcLineCheck"/>). A malformed line gets a JSON-RPC error on
/// <see cref="ProtocolOutputStream"/> and is dropped, so the server goes on with the next line.
/// </summary>
internal sealed class GuardedInputStream : Stream
{
    /// <summary>The default maximum size of one message, in bytes (16 MiB).</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>How long the end of stdin waits for the responses to requests already read.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    private const int ChunkBytes = 64 * 1024;
    private const int RetainedLineCapacity = 1024 * 1024;

    private readonly Stream _source;
    private readonly ProtocolOutputStream _output;
    private readonly OutstandingRequests _outstanding;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxMessageBytes;
    private readonly byte[] _chunk = new byte[ChunkBytes];
    private ArrayBufferWriter<byte> _line = new(4096);
    private int _chunkStart;
    private int _chunkEnd;
    private bool _lineTooLong;
    private bool _sourceEnded;
    private byte[] _ready = [];
    private int _readyOffset;

    /// <summary>Creates the stream over <paramref name="source"/>, replying to malformed lines on <paramref name="output"/>.</summary>
    /// <param name="outstanding">The requests awaiting a response, shared with <paramref name="output"/>.</param>
    public GuardedInputStream(
        Stream source,
        ProtocolOutputStream output,
        OutstandingRequests outstanding,
        ILogger logger,
        TimeProvider? timeProvider = null,
        int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outstanding);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1024);

        _source = source;
        _output = output;
        _outstanding = outstanding;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _maxMessageBytes = maxMessageBytes;
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_readyOffset < _ready.Length)
            {
                return CopyReady(buffer.Span);
            }

            if (_chunkStart < _chunkEnd)
            {
                await ReplyAsync(TakeFromChunk(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_sourceEnded)
            {
                await DrainAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var count = await _source.ReadAsync(_chunk, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                // The last line may lack its line break; it is checked like any other.
                _sourceEnded = true;
                var reply = _line.WrittenCount > 0 || _lineTooLong ? CompleteLine() : null;
                await ReplyAsync(reply, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _chunkStart = 0;
            _chunkEnd = count;
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    private int CopyReady(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _ready.Length - _readyOffset);
        _ready.AsSpan(_readyOffset, count).CopyTo(destination);
        _readyOffset += count;
        return count;
    }

    /// <summary>Moves bytes from the chunk into the current line; returns an error reply when a line completes badly.</summary>
    private byte[]? TakeFromChunk()
    {
        var available = _chunk.AsSpan(_chunkStart, _chunkEnd - _chunkStart);
        var lineBreak = available.IndexOf((byte)'\n');
        if (lineBreak < 0)
        {
            Append(available);
            _chunkStart = _chunkEnd;
            return null;
        }

        Append(available[..lineBreak]);
        _chunkStart += lineBreak + 1;
        return CompleteLine();
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_lineTooLong)
        {
            return;
        }

        if ((long)_line.WrittenCount + bytes.Length > _maxMessageBytes)
        {
            // The rest of the line is dropped as it arrives, so an endless line cannot exhaust memory.
            _lineTooLong = true;
            ResetLine();
            return;
        }

        _line.Write(bytes);
    }

    private byte[]? CompleteLine()
    {
        if (_lineTooLong)
        {
            _lineTooLong = false;
            var message = $"Invalid Request: the message is longer than the limit of {_maxMessageBytes} bytes.";
            StdioHostLog.MessageRejected(_logger, JsonRpcLineCheck.InvalidRequest, message);
            return JsonRpcErrorLine.Create(JsonRpcLineCheck.InvalidRequest, message, requestId: null);
        }

        var line = _line.WrittenSpan;
        var verdict = JsonRpcLineCheck.Check(line);
        byte[]? reply = null;
        switch (verdict.Kind)
        {
            case LineVerdictKind.Forward:
                if (verdict.IsRequest)
                {
                    _outstanding.Add();
                }

                _ready = new byte[line.Length + 1];
                line.CopyTo(_ready);
                _ready[^1] = (byte)'\n';
                _readyOffset = 0;
                break;
            case LineVerdictKind.Reject:
                StdioHostLog.MessageRejected(_logger, verdict.ErrorCode, verdict.ErrorMessage!);
                reply = JsonRpcErrorLine.Create(verdict.ErrorCode, verdict.ErrorMessage!, verdict.RequestId);
                break;
        }

        ResetLine();
        return reply;
    }

    private void ResetLine()
    {
        if (_line.Capacity > RetainedLineCapacity)
        {
            _line = new ArrayBufferWriter<byte>(4096);
        }
        else
        {
            _line.ResetWrittenCount();
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var waiting = _outstanding.Count;
        if (waiting == 0)
        {
            return;
        }

        StdioHostLog.InputEndedWaiting(_logger, waiting);
        if (!await _outstanding.WaitForDrainAsync(DrainTimeout, _timeProvider, cancellationToken).ConfigureAwait(false))
        {
            StdioHostLog.InputEndedUnanswered(_logger, _outstanding.Count, DrainTimeout.TotalSeconds);
        }
    }

    private ValueTask ReplyAsync(byte[]? reply, CancellationToken cancellationToken) =>
        reply is null ? ValueTask.CompletedTask : _output.WriteLineAsync(reply, cancellationToken);
}
