using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AiMemory.Hosting.Http.Commands;

/// <summary>The HTTP client of the health check: the system's trust, or only the given certificate authority.</summary>
internal static class ServerHealth
{
    public static HttpClient CreateClient(string? caCertificatePath)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (caCertificatePath is not null)
        {
            var authority = X509Certificate2.CreateFromPem(File.ReadAllText(caCertificatePath));
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy
                {
                    TrustMode = X509ChainTrustMode.CustomRootTrust,
                    CustomTrustStore = { authority },
                    RevocationMode = X509RevocationMode.NoCheck,
                },
            };
        }

        return new HttpClient(handler);
    }
}
