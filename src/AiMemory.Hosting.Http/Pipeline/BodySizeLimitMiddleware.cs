using AiMemory.Hosting.Http.Logging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Refuses a request body over <see cref="AiMemoryHttpOptions.MaxRequestBodyBytes"/> with 413 and a message that
/// names the limit: at once when <c>Content-Length</c> declares it, otherwise when reading passes the limit.
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next, AiMemoryHttpOptions options, ILogger<BodySizeLimitMiddleware> logger)
{
    private readonly string _detail = $"The request body is larger than the limit of {Describe(options.MaxRequestBodyBytes)}.";

    /// <summary>Checks the declared length, caps the readable length, and turns the server's overflow error into 413.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            await RefuseAsync(context);
        }
    }

    private Task RefuseAsync(HttpContext context)
    {
        HttpHostLog.BodyTooLarge(logger, options.MaxRequestBodyBytes, context.Request.Method, context.Request.Path.ToUriComponent());
        return ProblemResponses.WriteAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            "Request body too large",
            _detail,
            new Dictionary<string, object?> { ["limitBytes"] = options.MaxRequestBodyBytes });
    }

    /// <summary>Formats a byte count as the operator wrote it: 1 MiB, 512 KiB or 1500 bytes.</summary>
    internal static string Describe(long bytes) => bytes switch
    {
        _ when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB ({bytes} bytes)",
        _ when bytes % 1024 == 0 => $"{bytes / 1024} KiB ({bytes} bytes)",
        _ => $"{bytes} bytes",
    };
}
