using System.CommandLine;

namespace AiMemory.Hosting.Http.Commands;

/// <summary><c>health</c>: exit 0 when the store answers (and the server, when <c>--url</c> is given), 1 otherwise.</summary>
internal static class HealthCommand
{
    public static Command Create(CommandContext context)
    {
        var url = new Option<string?>("--url") { Description = "A running server's health address, such as https://127.0.0.1:8443/health." };
        var caFile = new Option<string?>("--ca-certificate")
        {
            Description = "A PEM certificate to trust for --url, such as the server's own self-signed certificate.",
        };
        var timeoutSeconds = new Option<int>("--timeout-seconds") { Description = "How long to wait.", DefaultValueFactory = _ => 5 };
        var command = new Command("health", "Check the store and, optionally, a running server.") { url, caFile, timeoutSeconds };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeoutSeconds), 1, 60)));
                await using var services = context.BuildServices();
                if (!await CommandContext.Store(services).IsAvailableAsync(timeout.Token))
                {
                    await context.Error.WriteLineAsync("unhealthy: the store does not answer.");
                    return CommandContext.Failure;
                }

                if (parse.GetValue(url) is { } text)
                {
                    if (!Uri.TryCreate(text, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
                    {
                        throw new ArgumentException($"--url '{text}' is invalid: give an absolute http or https address.");
                    }

                    using var client = ServerHealth.CreateClient(parse.GetValue(caFile));
                    using var response = await client.GetAsync(address, timeout.Token);
                    if (!response.IsSuccessStatusCode)
                    {
                        await context.Error.WriteLineAsync($"unhealthy: {address} answered {(int)response.StatusCode}.");
                        return CommandContext.Failure;
                    }
                }

                await context.Output.WriteLineAsync("healthy");
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }
}
