using Microsoft.AspNetCore.Http;

namespace AiMemory.Hosting.Http.Pipeline;

/// <summary>
/// Adds the headers every response carries: <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c>,
/// <c>Cache-Control: no-store</c> (responses contain private data), and HSTS on HTTPS. ASP.NET Core's own HSTS middleware
/// skips <c>localhost</c>, which is where development certificates live, so the header is set here.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>One year, in seconds.</summary>
    private const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>Sets the headers before the rest of the pipeline runs, so refusals carry them too.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        return next(context);
    }
}
