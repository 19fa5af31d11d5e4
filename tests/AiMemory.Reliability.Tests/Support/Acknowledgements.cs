using AiMemory.Core.Model;
using AiMemory.Reliability.Writer;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>What the writer acknowledged, and the check that the store contains all of it, whole.</summary>
internal sealed class Acknowledgements
{
    private readonly Dictionary<long, string?> _titles = [];

    /// <summary>Writes that the writer saw fail with StoreUnavailableException.</summary>
    public int Unavailable { get; private set; }

    /// <summary>The number of acknowledged memories.</summary>
    public int Count => _titles.Count;

    /// <summary>Adds the acknowledgements among the writer's lines.</summary>
    public void Add(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "ack":
                    _titles[long.Parse(parts[1])] = parts[2];
                    break;
                case "ack-batch":
                    foreach (var id in parts[1].Split(','))
                    {
                        _titles[long.Parse(id)] = null;
                    }

                    break;
                case "unavailable":
                    Unavailable++;
                    break;
                default:
                    throw new InvalidOperationException($"The writer printed an unexpected line: {line}");
            }
        }
    }

    /// <summary>
    /// Returns every problem found: an acknowledged memory that is missing or changed, a memory whose content or tags
    /// are incomplete, and a batch of three of which only some memories exist.
    /// </summary>
    public IReadOnlyList<string> FindProblems(IReadOnlyList<Memory> stored)
    {
        var problems = new List<string>();
        var byId = stored.ToDictionary(memory => memory.Id);
        foreach (var (id, title) in _titles)
        {
            if (!byId.TryGetValue(id, out var memory))
            {
                problems.Add($"acknowledged memory {id} ({title ?? "batch"}) is missing");
            }
            else if (title is not null && memory.Title != title)
            {
                problems.Add($"acknowledged memory {id} is titled {memory.Title}, not {title}");
            }
        }

        problems.AddRange(stored.Select(WrittenMemory.Damage).OfType<string>());
        problems.AddRange(stored
            .Where(memory => memory.Title.Contains('.', StringComparison.Ordinal))
            .GroupBy(memory => memory.Title[..memory.Title.IndexOf('.', StringComparison.Ordinal)])
            .Where(batch => batch.Count() != 3)
            .Select(batch => $"batch {batch.Key} has {batch.Count()} of its 3 memories"));
        return problems;
    }
}
