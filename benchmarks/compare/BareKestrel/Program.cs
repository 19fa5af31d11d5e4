using System.Globalization;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The ceiling for the HTTPS host comparison. Kestrel listens on 127.0.0.1 with the listener settings of the AiMemory
// HTTP host: HTTP/1.1 and HTTP/2 over TLS 1.2 or 1.3, and no Server header. It serves GET /ok with the fixed body of
// the AiMemory health check and nothing else, with no logging and no middleware.
//
//   AiMemory.Benchmarks.BareKestrel --port N --cert certificate.pem --key private-key.pem

const string Usage = "Usage: AiMemory.Benchmarks.BareKestrel --port N --cert CERTIFICATE.pem --key PRIVATE-KEY.pem";

if (args is not ["--port", var portText, "--cert", var certificatePath, "--key", var keyPath] ||
    !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var body = """{"status":"ok"}"""u8.ToArray();
using var certificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(certificate, https => https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13);
    });
});

var app = builder.Build();
app.MapGet("/ok", async context =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted);
});

await app.RunAsync();
return 0;
