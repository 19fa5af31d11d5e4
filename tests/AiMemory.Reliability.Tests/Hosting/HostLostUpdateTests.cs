using System.Net;
using System.Text.Json;
using AiMemory.Reliability.Tests.Support;
using AiMemory.Testing;

namespace AiMemory.Reliability.Tests.Hosting;

/// <summary>
/// Two HTTPS sample processes on one PostgreSQL database, as behind a load balancer, receive the same versioned
/// update of one memory at the same time: per version exactly one answers 200 and every other answers 409.
/// </summary>
public sealed class HostLostUpdateTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    private const int Versions = 8;
    private const int UpdatersPerHost = 3;

    [Fact]
    public async Task ParallelPuts_TwoHosts_ExactlyOneWinsPerVersion()
    {
        await using var first = await HttpsSample.StartAsync(database.ConnectionString);
        await using var second = await HttpsSample.StartAsync(database.ConnectionString);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        long id;
        using (var created = await firstClient.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/store", """{"title":"Shared","content":"version 1"}""")))
        {
            id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        }

        var clients = new[] { firstClient, secondClient };
        var lastWinner = "";
        for (var version = 1; version <= Versions; version++)
        {
            var expected = version;
            var attempts = clients
                .SelectMany((client, host) => Enumerable.Range(0, UpdatersPerHost).Select(updater => (client, name: $"{host}-{updater}")))
                .Select(async attempt =>
                {
                    var body = JsonSerializer.Serialize(new { version = expected, content = attempt.name });
                    using var response = await attempt.client.SendAsync(HttpsSample.Send(HttpMethod.Put, $"/api/memory/{id}", body));
                    return (attempt.name, response.StatusCode);
                })
                .ToArray();

            var outcomes = await Task.WhenAll(attempts);

            outcomes.Count(outcome => outcome.StatusCode == HttpStatusCode.OK).ShouldBe(1, $"updates of version {version}");
            outcomes.Count(outcome => outcome.StatusCode == HttpStatusCode.Conflict).ShouldBe(clients.Length * UpdatersPerHost - 1);
            lastWinner = outcomes.Single(outcome => outcome.StatusCode == HttpStatusCode.OK).name;
        }

        using var read = await secondClient.SendAsync(HttpsSample.Send(HttpMethod.Get, $"/api/memory/{id}"));
        var stored = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        stored.GetProperty("version").GetInt32().ShouldBe(Versions + 1);
        stored.GetProperty("content").GetString().ShouldBe(lastWinner);
    }
}
