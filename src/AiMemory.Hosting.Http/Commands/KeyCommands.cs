using System.CommandLine;
using System.Globalization;
using AiMemory.Security;
using AiMemory.Security.Keys;

namespace AiMemory.Hosting.Http.Commands;

/// <summary><c>keys create|list|revoke|rotate|revoke-all</c>: managed API keys. A new key is printed once, here only.</summary>
internal static class KeyCommands
{
    public static Command Create(CommandContext context) => new("keys", "Create, list, revoke and rotate API keys.")
    {
        CreateKey(context),
        ListKeys(context),
        RevokeKey(context),
        RotateKey(context),
        RevokeAll(context),
    };

    private static Command CreateKey(CommandContext context)
    {
        var owner = new Option<string>("--owner") { Description = "The owner whose data the key reaches.", Required = true };
        var name = new Option<string>("--name") { Description = "A label for operators, such as the device.", Required = true };
        var scopes = new Option<string[]>("--scope")
        {
            Description = $"A scope; repeat for more. Default: {AiMemoryScopes.Read} and {AiMemoryScopes.Write}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var expiresInDays = new Option<int?>("--expires-in-days") { Description = "Days until the key stops working." };
        var command = new Command("create", "Create a key and print it once.") { owner, name, scopes, expiresInDays };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                await using var services = context.BuildServices();
                var days = parse.GetValue(expiresInDays);
                if (days is <= 0 or > 3650)
                {
                    throw new ArgumentException($"--expires-in-days must be between 1 and 3650; got {days}.");
                }

                var chosen = parse.GetValue(scopes) is { Length: > 0 } given ? given : [AiMemoryScopes.Read, AiMemoryScopes.Write];
                var expiresAt = days is { } value ? DateTimeOffset.UtcNow.AddDays(value) : (DateTimeOffset?)null;
                var created = await CommandContext.Keys(services)
                    .CreateAsync(parse.GetValue(owner)!, parse.GetValue(name)!, chosen, expiresAt, token);
                await WriteCreatedAsync(context, created);
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command ListKeys(CommandContext context)
    {
        var owner = new Option<string?>("--owner") { Description = "Only this owner's keys." };
        var command = new Command("list", "List keys without their secrets.") { owner };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                await using var services = context.BuildServices();
                var keys = await CommandContext.Keys(services).ListAsync(parse.GetValue(owner), token);
                await context.Output.WriteLineAsync("KEY ID\tOWNER\tNAME\tSCOPES\tSTATUS\tCREATED\tEXPIRES\tLAST USED");
                foreach (var key in keys)
                {
                    await context.Output.WriteLineAsync(string.Join(
                        '\t',
                        key.KeyId,
                        key.Owner,
                        key.Name,
                        string.Join(',', key.Scopes),
                        key.Status.ToString().ToLowerInvariant(),
                        Format(key.CreatedAt),
                        Format(key.ExpiresAt),
                        Format(key.LastUsedAt)));
                }

                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command RevokeKey(CommandContext context)
    {
        var keyId = new Argument<string>("KEYID") { Description = "The key id shown by keys list." };
        var command = new Command("revoke", "Revoke one key; it stops working at once.") { keyId };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                await using var services = context.BuildServices();
                var id = parse.GetValue(keyId)!;
                if (!await CommandContext.Keys(services).RevokeAsync(id, token))
                {
                    await context.Error.WriteLineAsync($"error: key '{id}' not found or already revoked; run keys list to see the ids.");
                    return CommandContext.Failure;
                }

                await context.Output.WriteLineAsync($"Revoked {id}.");
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command RotateKey(CommandContext context)
    {
        var keyId = new Argument<string>("KEYID") { Description = "The key to replace." };
        var graceHours = new Option<int?>("--grace-hours") { Description = "Hours the old key keeps working." };
        var command = new Command("rotate", "Create a replacement key; the old one stops after the grace period.") { keyId, graceHours };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                await using var services = context.BuildServices();
                var hours = parse.GetValue(graceHours);
                if (hours is < 0 or > 720)
                {
                    throw new ArgumentException($"--grace-hours must be between 0 and 720; got {hours}.");
                }

                var grace = hours is { } value ? TimeSpan.FromHours(value) : (TimeSpan?)null;
                var created = await CommandContext.Keys(services).RotateAsync(parse.GetValue(keyId)!, grace, token);
                await WriteCreatedAsync(context, created);
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command RevokeAll(CommandContext context)
    {
        var owner = new Option<string?>("--owner") { Description = "Only this owner's keys." };
        var yes = new Option<bool>("--yes") { Description = "Confirm; without it nothing is revoked." };
        var command = new Command("revoke-all", "Revoke every key, or every key of one owner.") { owner, yes };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                if (!parse.GetValue(yes))
                {
                    await context.Error.WriteLineAsync("error: revoke-all revokes keys in use; add --yes to confirm.");
                    return CommandContext.Failure;
                }

                await using var services = context.BuildServices();
                var count = await CommandContext.Keys(services).RevokeAllAsync(parse.GetValue(owner), token);
                await context.Output.WriteLineAsync($"Revoked {count} key(s).");
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static async Task WriteCreatedAsync(CommandContext context, CreatedApiKey created)
    {
        await context.Output.WriteLineAsync($"Key id: {created.Summary.KeyId}");
        await context.Output.WriteLineAsync($"Key:    {created.Key}");
        await context.Error.WriteLineAsync("Store the key now: it is not shown again.");
    }

    private static string Format(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
