using System.Diagnostics;
using AiMemory.Hosting.Http.Logging;
using AiMemory.Security.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Logs one line per request: method, route template (not the query string), status, duration and the key id.
/// It runs first, so refused requests are logged too. The key itself never reaches the log.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    /// <summary>Times the rest of the pipeline and logs its outcome, including unexpected errors as 500.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            HttpHostLog.RequestFailed(logger, exception, context.Request.Method, RouteOf(context));
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            await ProblemResponses.WriteAsync(
                context,
                StatusCodes.Status500InternalServerError,
                "Internal error",
                "The server failed to process the request. The error was logged.");
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var keyId = context.User.FindFirst(CallerIdentity.KeyIdClaim)?.Value ?? "-";
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                HttpHostLog.RequestCompleted(logger, context.Request.Method, RouteOf(context), context.Response.StatusCode, elapsed, keyId);
            }
        }
    }

    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.ToUriComponent();
}
