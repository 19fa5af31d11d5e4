// Embeds the AiMemory store in a console application: store two memories, search them, print the results.
// The SQLite file defaults to the user's data folder; pass a path as the first argument to use another file.
using AiMemory.Core.Model;
using AiMemory.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddAiMemory(options =>
{
    if (args.Length > 0)
    {
        options.SqlitePath = Path.GetFullPath(args[0]);
    }
});

using var host = builder.Build();
await host.StartAsync();

var store = host.Services.GetRequiredService<IAiMemoryStore>();
var memories = store.ForOwner("embedded-sample").Memories;

await memories.CreateAsync(new MemoryDraft(
    "Deployment checklist",
    "Run the database migrations before switching traffic to the new release.",
    Project: "release",
    Tags: ["ops", "checklist"]));
await memories.CreateAsync(new MemoryDraft("数据库备份", "每天凌晨两点备份数据库。", Tags: ["ops"]));

foreach (var query in new[] { "migrations", "数据库" })
{
    var page = await memories.SearchAsync(new MemoryQuery(Text: query), new PageRequest(Limit: 5));
    Console.WriteLine($"search \"{query}\": {page.Items.Count} found");
    foreach (var hit in page.Items)
    {
        Console.WriteLine($"  #{hit.Memory.Id} {hit.Memory.Title} [{string.Join(", ", hit.Memory.Tags)}]");
    }
}

Console.WriteLine($"backend: {store.Backend}");
await host.StopAsync();
