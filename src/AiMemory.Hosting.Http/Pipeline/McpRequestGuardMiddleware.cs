using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Rejects, on the MCP endpoint, an <c>MCP-Protocol-Version</c> header this server does not implement, a JSON-RPC
/// batch (a body that starts with <c>[</c>) and a body that is not valid UTF-8, each with 400 and a JSON-RPC error.
/// The body is peeked, not consumed. The UTF-8 check is here because the MCP SDK 2.4.0 decodes invalid bytes to
/// U+FFFD, which would store altered text without saying so.
/// </summary>
internal sealed class McpRequestGuardMiddleware(RequestDelegate next)
{
    /// <summary>The JSON-RPC code for an invalid request.</summary>
    private const int InvalidRequest = -32600;

    /// <summary>The JSON-RPC code for a body that cannot be parsed.</summary>
    private const int ParseError = -32700;

    private const string ProtocolVersionHeader = "MCP-Protocol-Version";

    /// <summary>
    /// The protocol revisions ModelContextProtocol.AspNetCore 2.4.0 implements. The SDK keeps its own list internal,
    /// so this copy must follow an SDK upgrade.
    /// </summary>
    internal static readonly string[] SupportedProtocolVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    /// <summary>How many leading bytes are inspected for the start of the JSON value before giving up.</summary>
    private const int MaxLeadingWhitespace = 1024;

    /// <summary>Checks the header, then peeks at the first non-whitespace byte of a POST body.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var version = context.Request.Headers[ProtocolVersionHeader].ToString();
        if (version.Length > 0 && !SupportedProtocolVersions.Contains(version))
        {
            var supported = string.Join(", ", SupportedProtocolVersions);
            await WriteErrorAsync(context, $"Unsupported MCP-Protocol-Version '{Printable(version)}'. Supported versions: {supported}.");
            return;
        }

        if (HttpMethods.IsPost(context.Request.Method))
        {
            var isBatch = await StartsWithArrayAsync(context.Request.BodyReader, context.RequestAborted);
            if (isBatch)
            {
                await WriteErrorAsync(context, "JSON-RPC batches are not supported: send one request object per HTTP request.");
                return;
            }

            if (!await IsValidUtf8Async(context.Request.BodyReader, context.RequestAborted))
            {
                await WriteErrorAsync(context, "The request body is not valid UTF-8: send the JSON-RPC message as UTF-8 text.", ParseError);
                return;
            }

            // Kestrel reads Request.Body from the same pipe that was peeked. Servers without a native pipe get a reader
            // wrapped around their stream, which now contains the peeked bytes, so the body must be read through it.
            if (context.Features.Get<IRequestBodyPipeFeature>() is RequestBodyPipeFeature)
            {
                context.Request.Body = context.Request.BodyReader.AsStream(leaveOpen: true);
            }
        }

        await next(context);
    }

    private static async Task<bool> StartsWithArrayAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var first = FirstNonWhitespace(buffer, out var inspected);
            reader.AdvanceTo(buffer.Start, first is null ? buffer.End : buffer.Start);
            if (first is not null)
            {
                return first == (byte)'[';
            }

            if (result.IsCompleted || inspected > MaxLeadingWhitespace)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Examines the whole body without consuming it. The body-size limit earlier in the pipeline bounds how much is
    /// buffered.
    /// </summary>
    private static async Task<bool> IsValidUtf8Async(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (result.IsCompleted)
            {
                var valid = buffer.IsSingleSegment ? Utf8.IsValid(buffer.FirstSpan) : Utf8.IsValid(buffer.ToArray());
                reader.AdvanceTo(buffer.Start, buffer.End);
                return valid;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte? FirstNonWhitespace(ReadOnlySequence<byte> buffer, out long inspected)
    {
        inspected = 0;
        foreach (var segment in buffer)
        {
            foreach (var value in segment.Span)
            {
                if (value is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return value;
                }

                inspected++;
            }
        }

        return null;
    }

    private static Task WriteErrorAsync(HttpContext context, string message, int code = InvalidRequest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNull("id");
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        return context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).AsTask();
    }

    /// <summary>Cuts a header value to 64 characters and drops control characters, so the echo stays harmless.</summary>
    private static string Printable(string value)
    {
        var cut = value.Length > 64 ? value[..64] : value;
        return new string(cut.Where(character => !char.IsControl(character)).ToArray());
    }
}
