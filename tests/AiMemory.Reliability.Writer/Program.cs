using AiMemory.Core;
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using AiMemory.Reliability.Writer;

// Writes memories from several concurrent workers until it is killed or its time runs out.
//
// Usage: AiMemory.Reliability.Writer (sqlite <file> | postgres <connection string>) <workers> <seconds>
//
// stdout carries one line per acknowledged write, printed only after the store returned:
//   ack <id> <title>           one memory created
//   ack-batch <id>,<id>,<id>   three memories created together in one call
//   unavailable                the store reported StoreUnavailableException (the write was not acknowledged)
// The first line is "ready" once migrations have run. Content and tags follow from the title (WrittenMemory), so
// a reader can tell an intact memory from a damaged one without the writer's help.
if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: AiMemory.Reliability.Writer (sqlite <file> | postgres <connection string>) <workers> <seconds>");
    return 2;
}

var options = new AiMemoryOptions();
if (args[0] == "sqlite")
{
    options.SqlitePath = args[1];
}
else
{
    options.DatabaseUrl = args[1];
}

var workers = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var deadline = TimeSpan.FromSeconds(double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));

await using var store = AiMemoryStore.Create(options);
await store.MigrateAsync();
var memories = store.ForOwner(WrittenMemory.Owner).Memories;
var output = new AcknowledgementLog(Console.OpenStandardOutput());
output.Write("ready");

var run = Guid.NewGuid().ToString("N")[..8];
using var stop = new CancellationTokenSource(deadline);
var tasks = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
{
    for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
    {
        var title = $"{run}-{worker}-{sequence}";
        try
        {
            if (sequence % 4 == 3)
            {
                var drafts = Enumerable.Range(0, 3).Select(part => WrittenMemory.Draft($"{title}.{part}")).ToList();
                var created = await memories.CreateManyAsync(drafts);
                output.Write("ack-batch " + string.Join(',', created.Select(memory => memory.Id)));
            }
            else
            {
                var created = await memories.CreateAsync(WrittenMemory.Draft(title));
                output.Write($"ack {created.Id} {created.Title}");
            }
        }
        catch (StoreUnavailableException)
        {
            output.Write("unavailable");
            await Task.Delay(50);
        }
    }
})).ToArray();

await Task.WhenAll(tasks);
return 0;
