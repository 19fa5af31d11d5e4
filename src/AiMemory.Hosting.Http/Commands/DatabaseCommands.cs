using System.CommandLine;
using AiMemory.Core.Administration;

namespace AiMemory.Hosting.Http.Commands;

/// <summary><c>db migrate</c> and <c>db runtime-role</c>: schema changes with the owner role, rights for the runtime role.</summary>
internal static class DatabaseCommands
{
    public static Command Create(CommandContext context) => new("db", "Migrate the schema and prepare a runtime role.")
    {
        Migrate(context),
        RuntimeRole(context),
    };

    private static Option<string?> OwnerUrl() => new("--owner-url")
    {
        Description = "The database as the owner role that may change the schema. Default: DATABASE_URL.",
    };

    private static Command Migrate(CommandContext context)
    {
        var ownerUrl = OwnerUrl();
        var command = new Command("migrate", "Apply pending schema migrations.") { ownerUrl };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                await using var services = context.BuildServices(parse.GetValue(ownerUrl), applyMigrations: true);
                var store = CommandContext.Store(services);
                await store.MigrateAsync(token);
                await context.Output.WriteLineAsync($"The {store.Backend} schema is up to date.");
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command RuntimeRole(CommandContext context)
    {
        var name = new Option<string>("--name") { Description = "The existing role the server runs as.", Required = true };
        var apply = new Option<bool>("--apply") { Description = "Run the statements with the owner role instead of printing them." };
        var ownerUrl = OwnerUrl();
        var command = new Command("runtime-role", "Print or apply the grants of a role that reads and writes rows only.")
        {
            name,
            apply,
            ownerUrl,
        };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                var url = parse.GetValue(ownerUrl) ?? context.Configuration[Core.AiMemoryOptions.DatabaseUrlVariable];
                if (string.IsNullOrWhiteSpace(url))
                {
                    throw new ArgumentException("db runtime-role needs a PostgreSQL database: set DATABASE_URL or --owner-url.");
                }

                var role = parse.GetValue(name)!;
                if (!parse.GetValue(apply))
                {
                    await context.Output.WriteAsync(RuntimeRoleSql.BuildForDatabaseUrl(role, url));
                    return CommandContext.Success;
                }

                await RuntimeRoleSql.ApplyAsync(role, url, token);
                await context.Output.WriteLineAsync($"Granted row access to '{role}'.");
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }
}
