using System.Diagnostics;
using System.Net;
using AiMemory.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace AiMemory.Reliability.Tests.Hosting;

/// <summary>
/// PostgreSQL stops abruptly under a running HTTPS sample process: requests get 503 quickly instead of hanging,
/// /health reports the outage, and service resumes by itself once the database is back, with the data intact.
/// </summary>
public sealed class HttpsOutageTests(DurablePostgresCluster cluster, ITestOutputHelper output) : IClassFixture<DurablePostgresCluster>
{
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DatabaseStopped_UnderHttpsHost_Returns503ThenRecovers()
    {
        await using var sample = await HttpsSample.StartAsync(cluster.ConnectionString);
        using var client = sample.CreateClient(AnswerBound + TimeSpan.FromSeconds(5));
        using (var stored = await client.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/store", """{"title":"Before the outage","content":"Kept across the outage."}""")))
        {
            ((int)stored.StatusCode).ShouldBeInRange(200, 201, await stored.Content.ReadAsStringAsync());
        }

        await cluster.StopImmediatelyAsync();
        var clock = Stopwatch.StartNew();
        using var list = await client.SendAsync(HttpsSample.Send(HttpMethod.Get, "/api/memory/list"));
        var listAnsweredAfter = clock.Elapsed;
        using var store = await client.SendAsync(HttpsSample.Send(
            HttpMethod.Post, "/api/memory/store", """{"title":"During the outage","content":"Must not be stored."}"""));
        using var health = await client.GetAsync("/health");

        list.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await list.Content.ReadAsStringAsync());
        listAnsweredAfter.ShouldBeLessThan(AnswerBound);
        store.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await store.Content.ReadAsStringAsync()).ShouldContain("Storage unavailable");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        await cluster.StartAsync();
        clock.Restart();
        while (true)
        {
            using var probe = await client.SendAsync(HttpsSample.Send(HttpMethod.Get, "/api/memory/list"));
            if (probe.StatusCode == HttpStatusCode.OK)
            {
                var body = await probe.Content.ReadAsStringAsync();
                body.ShouldContain("Before the outage");
                body.ShouldNotContain("During the outage");
                break;
            }

            clock.Elapsed.ShouldBeLessThan(RecoveryBound, "the host did not recover by itself:\n" + sample.Output);
            await Task.Delay(200);
        }

        var recoveredAfter = clock.Elapsed;
        using var healthAfter = await client.GetAsync("/health");
        healthAfter.StatusCode.ShouldBe(HttpStatusCode.OK);
        output.WriteLine($"503 after {listAnsweredAfter.TotalMilliseconds:F0} ms of outage; 200 again {recoveredAfter.TotalMilliseconds:F0} ms after the restart");
    }
}
