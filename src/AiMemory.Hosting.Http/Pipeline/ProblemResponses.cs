using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>Writes RFC 7807 problem details (<c>application/problem+json</c>) without touching the request body.</summary>
internal static class ProblemResponses
{
    /// <summary>The media type of problem details.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem with a status, a short title and a detail for the client, plus optional members.</summary>
    public static Task WriteAsync(
        HttpContext context,
        int statusCode,
        string title,
        string detail,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", $"https://www.rfc-editor.org/rfc/rfc9110#status.{statusCode}");
            writer.WriteString("title", title);
            writer.WriteNumber("status", statusCode);
            writer.WriteString("detail", detail);
            if (extensions is not null)
            {
                foreach (var (name, value) in extensions)
                {
                    writer.WritePropertyName(name);
                    JsonSerializer.Serialize(writer, value);
                }
            }

            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        return response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).AsTask();
    }
}
