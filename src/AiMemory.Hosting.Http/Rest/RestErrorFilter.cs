using AiMemory.Core.Storage;
using AiMemory.Hosting.Http.Logging;
using AiMemory.Hosting.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>
/// Turns the errors of validation and of the store into problem details: 400 naming the field, 404, 409 with the
/// current version, 503 when storage is unavailable. Anything else propagates and becomes a logged 500 without details.
/// </summary>
internal sealed class RestErrorFilter(ILogger<RestErrorFilter> logger) : IEndpointFilter
{
    /// <inheritdoc/>
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (RestValidationException exception)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "Invalid request", exception.Message, Field(exception.Field));
        }
        catch (StoreValidationException exception)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "Invalid request", exception.Message);
        }
        catch (RecordNotFoundException exception)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status404NotFound, "Not found", exception.Message);
        }
        catch (VersionConflictException exception)
        {
            var current = new Dictionary<string, object?> { ["currentVersion"] = exception.ActualVersion };
            await ProblemResponses.WriteAsync(http, StatusCodes.Status409Conflict, "Version conflict", exception.Message, current);
        }
        catch (StoreUnavailableException exception)
        {
            HttpHostLog.StorageUnavailable(logger, exception, http.Request.Method, http.Request.Path.ToUriComponent());
            await ProblemResponses.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Storage unavailable", exception.Message);
        }

        return Results.Empty;
    }

    private static Dictionary<string, object?> Field(string field) => new() { ["field"] = field };
}
