using System.Buffers;
using System.Text.Json;

namespace AiMemory.Hosting.Stdio.Transport;

/// <summary>Writes a JSON-RPC 2.0 error response as one line of UTF-8 JSON with its line break.</summary>
internal static class JsonRpcErrorLine
{
    /// <summary>Creates the line <c>{"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…}}</c>.</summary>
    /// <param name="requestId">The id to echo, or <see langword="null"/> to send <c>"id": null</c>.</param>
    public static byte[] Create(int code, string message, JsonRpcRequestId? requestId)
    {
        ArgumentNullException.ThrowIfNull(message);

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            WriteId(writer, requestId);
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonRpcRequestId? requestId)
    {
        if (requestId is not { } id)
        {
            writer.WriteNullValue();
        }
        else if (id.IsNumber)
        {
            writer.WriteRawValue(id.Value, skipInputValidation: false);
        }
        else
        {
            writer.WriteStringValue(id.Value);
        }
    }
}
