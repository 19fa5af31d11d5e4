using Microsoft.Extensions.Logging;

namespace AiMemory.Hosting.Http.Logging;

/// <summary>Log events of the HTTP host; event ids 6000-6099. Keys and request bodies are never logged.</summary>
internal static partial class HttpHostLog
{
    [LoggerMessage(6000, LogLevel.Information, "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMilliseconds:0.0} ms (key {KeyId})")]
    public static partial void RequestCompleted(ILogger logger, string method, string route, int statusCode, double elapsedMilliseconds, string keyId);

    [LoggerMessage(6001, LogLevel.Warning,
        "Insecure bind allowed by AIMEMORY_ALLOW_INSECURE_BIND: listening on {Address} without {Missing}; anyone who can reach it may read the traffic or call the API")]
    public static partial void InsecureBindAllowed(ILogger logger, string address, string missing);

    [LoggerMessage(6003, LogLevel.Warning, "First run: no API key was configured, so managed key {KeyId} was created for owner {Owner}; it was printed once to standard error")]
    public static partial void FirstRunKeyCreated(ILogger logger, string keyId, string owner);

    [LoggerMessage(6004, LogLevel.Error, "Request {Method} {Route} failed with an unexpected error")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(6005, LogLevel.Warning, "Storage unavailable while serving {Method} {Route}")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(6006, LogLevel.Debug, "Request body over the limit of {LimitBytes} bytes refused for {Method} {Route}")]
    public static partial void BodyTooLarge(ILogger logger, long limitBytes, string method, string route);
}
