namespace AiMemory.Benchmarks.Compare.Stdio;

/// <summary>The last lines each server wrote to standard error, shown when a run fails.</summary>
internal static class ServerErrors
{
    private const int KeptLines = 20;

    private static readonly Dictionary<string, Queue<string>> Lines = [];

    public static void Add(string server, string line)
    {
        lock (Lines)
        {
            if (!Lines.TryGetValue(server, out var queue))
            {
                Lines[server] = queue = new Queue<string>();
            }

            queue.Enqueue(line);
            if (queue.Count > KeptLines)
            {
                queue.Dequeue();
            }
        }
    }

    public static void Print(TextWriter writer)
    {
        lock (Lines)
        {
            foreach (var (server, queue) in Lines)
            {
                writer.WriteLine($"Last standard error lines of {server}:");
                foreach (var line in queue)
                {
                    writer.WriteLine($"  {line}");
                }
            }
        }
    }
}
