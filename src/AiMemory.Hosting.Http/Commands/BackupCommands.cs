using System.CommandLine;
using AiMemory.Core.Administration;

namespace AiMemory.Hosting.Http.Commands;

/// <summary><c>backup export</c> and <c>backup import</c>: owners' data to and from a JSON file.</summary>
internal static class BackupCommands
{
    public static Command Create(CommandContext context) => new("backup", "Export data to a JSON file and restore it.")
    {
        Export(context),
        Import(context),
    };

    private static Command Export(CommandContext context)
    {
        var output = new Option<string>("--out") { Description = "The file to write.", Required = true };
        var owner = new Option<string?>("--owner")
        {
            Description = "Only this owner. Default: every owner that has an API key.",
        };
        var command = new Command("export", "Write owners' data to a JSON file.") { output, owner };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                await using var services = context.BuildServices();
                var owners = parse.GetValue(owner) is { } one
                    ? [one]
                    : (await CommandContext.Keys(services).ListAsync(null, token)).Select(key => key.Owner).ToArray();
                var path = parse.GetValue(output)!;
                var backup = await AiMemoryBackup.ExportAsync(CommandContext.Store(services), owners, path, cancellationToken: token);
                var records = backup.Owners.Sum(item =>
                    item.Data.Memories.Count + item.Data.Tasks.Count + item.Data.Projects.Count
                    + item.Data.Categories.Count + item.Data.Instructions.Count);
                await context.Output.WriteLineAsync($"Exported {backup.Owners.Count} owner(s), {records} record(s), to {path}.");
                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }

    private static Command Import(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A file written by backup export." };
        var owner = new Option<string?>("--owner") { Description = "Only this owner's data." };
        var command = new Command("import", "Restore a backup; records already present are not duplicated.") { file, owner };
        command.SetAction((parse, cancellationToken) => context.RunAsync(
            async token =>
            {
                var backup = await AiMemoryBackup.ReadAsync(parse.GetValue(file)!, token);
                await using var services = context.BuildServices();
                var results = await AiMemoryBackup.ImportAsync(CommandContext.Store(services), backup, parse.GetValue(owner), token);
                foreach (var result in results)
                {
                    await context.Output.WriteLineAsync(
                        $"{result.Owner}: {result.Result.Created} created, {result.Result.Unchanged} already present.");
                }

                return CommandContext.Success;
            },
            cancellationToken));
        return command;
    }
}
