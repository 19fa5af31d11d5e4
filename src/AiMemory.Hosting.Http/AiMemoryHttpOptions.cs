namespace AiMemory.Hosting.Http;

/// <summary>
/// Settings of the HTTP(S) host. <see cref="Configuration.AiMemoryHttpSettings.Read"/> fills them from the environment names
/// (<c>PORT</c>, <c>HOST</c>, <c>USE_HTTPS</c>, <c>SSL_KEY_PATH</c>, <c>SSL_CERT_PATH</c>, <c>LOG_LEVEL</c>,
/// <c>LOG_FILE</c>, <c>AIMEMORY_ALLOW_INSECURE_BIND</c>, <c>AIMEMORY_MAX_BODY_BYTES</c>) or from the
/// <c>AiMemory</c> configuration section.
/// </summary>
public sealed class AiMemoryHttpOptions
{
    /// <summary>The default port.</summary>
    public const int DefaultPort = 3000;

    /// <summary>The default maximum request body: 1 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The TCP port to listen on.</summary>
    /// <value>3000.</value>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The address to listen on: an IP address, <c>localhost</c>, or <c>0.0.0.0</c> / <c>::</c> for every interface.
    /// </summary>
    /// <value><c>127.0.0.1</c>.</value>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Whether to serve TLS from <see cref="SslKeyPath"/> and <see cref="SslCertPath"/>.</summary>
    /// <value><see langword="false"/>.</value>
    public bool UseHttps { get; set; }

    /// <summary>The PEM file with the private key (RSA or EC, PKCS#1, SEC1 or PKCS#8, unencrypted).</summary>
    public string? SslKeyPath { get; set; }

    /// <summary>The PEM file with the certificate, optionally followed by its chain.</summary>
    public string? SslCertPath { get; set; }

    /// <summary>The minimum log level: <c>error</c>, <c>warn</c>, <c>info</c>, <c>debug</c> or <c>trace</c>.</summary>
    /// <value><c>info</c>.</value>
    public string LogLevel { get; set; } = "info";

    /// <summary>
    /// The log file, or <see langword="null"/> for standard error only. The file rolls over daily (the date is
    /// added to the name) and 30 files are kept.
    /// </summary>
    public string? LogFile { get; set; }

    /// <summary>
    /// Allows listening on a non-loopback address without TLS or without an API key. Logged as a warning.
    /// </summary>
    /// <value><see langword="false"/>.</value>
    public bool AllowInsecureBind { get; set; }

    /// <summary>The largest request body accepted, in bytes; a larger one gets 413.</summary>
    /// <value>1 MiB.</value>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// Runs the security pipeline (origin and host policy, authentication, rate limits). Switched off only by
    /// tests and benchmarks that measure what the pipeline costs; every request then acts for
    /// <see cref="UnprotectedOwner"/>.
    /// </summary>
    internal bool SecurityPipelineEnabled { get; set; } = true;

    /// <summary>The owner of every request while <see cref="SecurityPipelineEnabled"/> is off.</summary>
    internal const string UnprotectedOwner = "unprotected";
}
