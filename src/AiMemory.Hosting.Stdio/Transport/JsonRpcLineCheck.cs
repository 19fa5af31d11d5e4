using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace AiMemory.Hosting.Stdio.Transport;

/// <summary>The outcome of checking one line read from stdin.</summary>
/// <param name="Kind">Whether the line is forwarded, skipped or rejected.</param>
/// <param name="ErrorCode">The JSON-RPC error code of a rejected line.</param>
/// <param name="ErrorMessage">The error message sent back for a rejected line.</param>
/// <param name="RequestId">The request id to echo in the error, or <see langword="null"/> when none could be read.</param>
/// <param name="IsRequest">Whether a forwarded message is a request, which expects a response.</param>
internal readonly record struct LineVerdict(
    LineVerdictKind Kind,
    int ErrorCode = 0,
    string? ErrorMessage = null,
    JsonRpcRequestId? RequestId = null,
    bool IsRequest = false)
{
    public static LineVerdict Forward(bool isRequest) => new(LineVerdictKind.Forward, IsRequest: isRequest);

    public static LineVerdict Skip { get; } = new(LineVerdictKind.Skip);

    public static LineVerdict Reject(int code, string message, JsonRpcRequestId? requestId = null) =>
        new(LineVerdictKind.Reject, code, message, requestId);
}

/// <summary>A JSON-RPC request id: a string, or the text of a number as it was sent.</summary>
/// <param name="Value">The string id, or the JSON text of a number id.</param>
/// <param name="IsNumber">Whether <paramref name="Value"/> is the text of a number.</param>
internal readonly record struct JsonRpcRequestId(string Value, bool IsNumber);

/// <summary>What happens to a line read from stdin.</summary>
internal enum LineVerdictKind
{
    /// <summary>A JSON-RPC message: passed on to the MCP server.</summary>
    Forward,

    /// <summary>An empty or blank line: dropped without an answer.</summary>
    Skip,

    /// <summary>Not a JSON-RPC message: answered with a JSON-RPC error and dropped.</summary>
    Reject,
}

/// <summary>
/// Checks that a line from stdin is one JSON-RPC 2.0 message before the MCP server sees it. The MCP SDK 2.4.0 drops
/// a line it cannot parse after logging it, and sends nothing back; JSON-RPC 2.0 asks for a parse error
/// (-32700) or an invalid-request error (-32600), so this check sends those itself.
/// </summary>
internal static class JsonRpcLineCheck
{
    /// <summary>The JSON-RPC error code for text that is not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>The JSON-RPC error code for valid JSON that is not a JSON-RPC message.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>Checks one line, without its line break.</summary>
    public static LineVerdict Check(ReadOnlySpan<byte> line)
    {
        line = TrimWhitespace(line);
        if (line.IsEmpty)
        {
            return LineVerdict.Skip;
        }

        if (!Utf8.IsValid(line))
        {
            return LineVerdict.Reject(ParseError, "Parse error: the message is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            return CheckMessage(ref reader);
        }
        catch (JsonException exception)
        {
            return LineVerdict.Reject(
                ParseError,
                $"Parse error: the message is not valid JSON (at byte {exception.BytePositionInLine ?? 0} of {line.Length}).");
        }
    }

    private static LineVerdict CheckMessage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            ReadToEnd(ref reader);
            return LineVerdict.Reject(InvalidRequest, "Invalid Request: batches (JSON arrays) are not supported; send one message per line.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            ReadToEnd(ref reader);
            return LineVerdict.Reject(InvalidRequest, "Invalid Request: a message must be a JSON object.");
        }

        var fields = ReadTopLevelFields(ref reader);
        ReadToEnd(ref reader);

        if (!fields.HasVersion)
        {
            return LineVerdict.Reject(InvalidRequest, "Invalid Request: the message needs \"jsonrpc\": \"2.0\".", fields.Id);
        }

        if (fields.MethodIsNotString)
        {
            return LineVerdict.Reject(InvalidRequest, "Invalid Request: \"method\" must be a string.", fields.Id);
        }

        if (!fields.HasMethod && (fields.Id is null || !fields.HasResultOrError))
        {
            return LineVerdict.Reject(
                InvalidRequest,
                "Invalid Request: a message needs a \"method\", or an \"id\" with a \"result\" or an \"error\".",
                fields.Id);
        }

        return LineVerdict.Forward(isRequest: fields.HasMethod && fields.Id is not null);
    }

    /// <summary>
    /// Checks whether a line written by the server is a response (an <c>id</c> with a <c>result</c> or an
    /// <c>error</c>), as opposed to a request or a notification of its own.
    /// </summary>
    public static bool IsResponse(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(TrimWhitespace(line), new JsonReaderOptions { MaxDepth = 256 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var fields = ReadTopLevelFields(ref reader);
            return !fields.HasMethod && fields.Id is not null && fields.HasResultOrError;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static MessageFields ReadTopLevelFields(ref Utf8JsonReader reader)
    {
        var fields = new MessageFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "jsonrpc":
                    fields.HasVersion = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("2.0"u8);
                    break;
                case "method":
                    fields.HasMethod = reader.TokenType == JsonTokenType.String;
                    fields.MethodIsNotString = !fields.HasMethod;
                    break;
                case "id" when reader.TokenType is JsonTokenType.String or JsonTokenType.Number:
                    fields.Id = reader.TokenType == JsonTokenType.Number
                        ? new JsonRpcRequestId(Encoding.UTF8.GetString(reader.ValueSpan), IsNumber: true)
                        : new JsonRpcRequestId(reader.GetString()!, IsNumber: false);
                    break;
                case "result" or "error":
                    fields.HasResultOrError = true;
                    break;
            }

            reader.Skip();
        }

        return fields;
    }

    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        // Reading on makes the reader reject anything after the first value, such as two messages on one line.
        reader.Skip();
        while (reader.Read())
        {
        }
    }

    private static ReadOnlySpan<byte> TrimWhitespace(ReadOnlySpan<byte> line)
    {
        var start = 0;
        var end = line.Length;
        while (start < end && IsWhitespace(line[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(line[end - 1]))
        {
            end--;
        }

        return line[start..end];
    }

    private static bool IsWhitespace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private struct MessageFields
    {
        public bool HasVersion;
        public bool HasMethod;
        public bool MethodIsNotString;
        public bool HasResultOrError;
        public JsonRpcRequestId? Id;
    }
}
