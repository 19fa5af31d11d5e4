using System.Text;
using AiMemory.Hosting.Stdio.Transport;

namespace AiMemory.Hosting.Stdio.Tests.Transport;

public sealed class ProtocolOutputStreamTests
{
    [Fact]
    public async Task Write_MessageInParts_StaysWhole()
    {
        var stdout = new MemoryStream();
        var output = new ProtocolOutputStream(stdout, new OutstandingRequests());

        await output.WriteAsync("""{"result":{},"""u8.ToArray());
        await output.WriteLineAsync("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}}"""u8.ToArray().Append((byte)'\n').ToArray(), default);
        await output.WriteAsync("\"id\":1,\"jsonrpc\":\"2.0\"}"u8.ToArray());
        await output.WriteAsync("\n"u8.ToArray());

        Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            """{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}}""",
            """{"result":{},"id":1,"jsonrpc":"2.0"}""",
        ]);
    }

    [Fact]
    public async Task Write_Response_CompletesOutstandingRequest()
    {
        var outstanding = new OutstandingRequests();
        outstanding.Add();
        outstanding.Add();
        var output = new ProtocolOutputStream(new MemoryStream(), outstanding);

        await output.WriteAsync("""{"method":"notifications/message","params":{},"jsonrpc":"2.0"}"""u8.ToArray().Append((byte)'\n').ToArray());
        var afterNotification = outstanding.Count;
        await output.WriteAsync("""{"result":{},"id":1,"jsonrpc":"2.0"}"""u8.ToArray().Append((byte)'\n').ToArray());

        afterNotification.ShouldBe(2);
        outstanding.Count.ShouldBe(1);
    }
}
