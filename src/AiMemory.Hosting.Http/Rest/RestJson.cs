using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>
/// The JSON settings of the REST API: camelCase members, snake_case enum names, bounded depth, and unknown members
/// rejected, as the MCP tools reject unknown arguments.
/// </summary>
internal static class RestJson
{
    /// <summary>The maximum nesting depth of a request body.</summary>
    public const int MaxDepth = 16;

    /// <summary>The shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = MaxDepth,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>
    /// Reads a JSON request body. Throws <see cref="RestValidationException"/> for an empty or malformed body, naming
    /// the JSON path where parsing failed.
    /// </summary>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request)
        where T : class
    {
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            var path = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path;
            var unknownField = exception.Message.Contains("could not be mapped", StringComparison.Ordinal);
            throw new RestValidationException(
                path,
                unknownField
                    ? $"The request body has an unknown field at {path}. Remove it and send the request again."
                    : $"The request body is not valid JSON for this route at {path}.");
        }

        return body ?? throw new RestValidationException("body", "The request body is missing: send a JSON object.");
    }

    /// <summary>Returns a JSON result with the REST settings.</summary>
    public static IResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, Options, contentType: null, statusCode);
}
