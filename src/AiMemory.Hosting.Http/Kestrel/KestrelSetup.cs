using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AiMemory.Hosting.Http.Kestrel;

/// <summary>Configures Kestrel's listeners from <see cref="AiMemoryHttpOptions"/>.</summary>
internal static class KestrelSetup
{
    /// <summary>
    /// Checks that a non-loopback address has TLS or the explicit override, and loads the certificate. Runs while the
    /// application is built, so a bad setting or file stops start-up before anything listens.
    /// </summary>
    /// <returns>The certificate, or <see langword="null"/> without TLS.</returns>
    public static X509Certificate2? Prepare(AiMemoryHttpOptions options, ListenAddress address)
    {
        if (!address.IsLoopback && !options.UseHttps && !options.AllowInsecureBind)
        {
            throw new HostStartupException(
                $"HOST {options.Host} is not a loopback address, and USE_HTTPS is off: keys and memories would cross the " +
                "network in clear text. Set USE_HTTPS=true with SSL_KEY_PATH and SSL_CERT_PATH, bind to 127.0.0.1, or set " +
                "AIMEMORY_ALLOW_INSECURE_BIND=true if a TLS proxy in front of this host encrypts the traffic.");
        }

        return options.UseHttps ? PemCertificateLoader.Load(options.SslCertPath!, options.SslKeyPath!) : null;
    }

    /// <summary>Binds every address of <paramref name="address"/> on the port, with TLS 1.2 or 1.3 when a certificate is given.</summary>
    public static void Configure(KestrelServerOptions kestrel, AiMemoryHttpOptions options, ListenAddress address, X509Certificate2? certificate)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;

        foreach (var ip in address.Addresses)
        {
            kestrel.Listen(ip, options.Port, listen =>
            {
                // HTTP/2 needs TLS (ALPN) in Kestrel, so plain HTTP listeners speak HTTP/1.1 only.
                listen.Protocols = certificate is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate, https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13);
                }
            });
        }
    }
}
