using System.Text;
using AiMemory.Hosting.Stdio.Transport;

namespace AiMemory.Hosting.Stdio.Tests.Transport;

public sealed class JsonRpcLineCheckTests
{
    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}""", true)]
    [InlineData("""{"jsonrpc":"2.0","id":"a-1","method":"tools/call","params":{"name":"x"}}""", true)]
    [InlineData("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", false)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"result":{}}""", false)]
    [InlineData("""{"jsonrpc":"2.0","id":7,"error":{"code":-1,"message":"no"}}""", false)]
    [InlineData("""  {"method":"ping","id":2,"jsonrpc":"2.0"}  """, true)]
    public void Check_JsonRpcMessage_Forwards(string line, bool isRequest)
    {
        var verdict = JsonRpcLineCheck.Check(Encoding.UTF8.GetBytes(line));

        verdict.Kind.ShouldBe(LineVerdictKind.Forward);
        verdict.IsRequest.ShouldBe(isRequest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r")]
    public void Check_BlankLine_Skips(string line)
    {
        JsonRpcLineCheck.Check(Encoding.UTF8.GetBytes(line)).Kind.ShouldBe(LineVerdictKind.Skip);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping" """)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"ping"} {"jsonrpc":"2.0","id":2,"method":"ping"}""")]
    [InlineData("""{'jsonrpc':'2.0'}""")]
    public void Check_InvalidJson_ParseError(string line)
    {
        var verdict = JsonRpcLineCheck.Check(Encoding.UTF8.GetBytes(line));

        verdict.Kind.ShouldBe(LineVerdictKind.Reject);
        verdict.ErrorCode.ShouldBe(JsonRpcLineCheck.ParseError);
        verdict.ErrorMessage.ShouldStartWith("Parse error: the message is not valid JSON");
        verdict.RequestId.ShouldBeNull();
    }

    [Fact]
    public void Check_InvalidUtf8_ParseError()
    {
        var verdict = JsonRpcLineCheck.Check([(byte)'"', 0xC3, 0x28, (byte)'"']);

        verdict.ErrorCode.ShouldBe(JsonRpcLineCheck.ParseError);
        verdict.ErrorMessage.ShouldBe("Parse error: the message is not valid UTF-8.");
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"ping"}]""", "batches")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("""{"id":1,"method":"ping"}""", "\"jsonrpc\": \"2.0\"")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":5}""", "\"method\" must be a string")]
    [InlineData("""{"jsonrpc":"2.0","id":1}""", "needs a \"method\"")]
    [InlineData("""{"jsonrpc":"2.0","result":{}}""", "needs a \"method\"")]
    public void Check_NotAMessage_InvalidRequest(string line, string expectedReason)
    {
        var verdict = JsonRpcLineCheck.Check(Encoding.UTF8.GetBytes(line));

        verdict.Kind.ShouldBe(LineVerdictKind.Reject);
        verdict.ErrorCode.ShouldBe(JsonRpcLineCheck.InvalidRequest);
        verdict.ErrorMessage.ShouldNotBeNull().ShouldContain(expectedReason);
    }

    [Fact]
    public void Check_InvalidRequestWithId_EchoesId()
    {
        var numeric = JsonRpcLineCheck.Check("""{"jsonrpc":"1.0","id":12.5e1,"method":"ping"}"""u8);
        var text = JsonRpcLineCheck.Check("""{"jsonrpc":"1.0","id":"x\"y","method":"ping"}"""u8);
        var structured = JsonRpcLineCheck.Check("""{"jsonrpc":"1.0","id":{"a":1},"method":"ping"}"""u8);

        numeric.RequestId.ShouldBe(new JsonRpcRequestId("12.5e1", IsNumber: true));
        text.RequestId.ShouldBe(new JsonRpcRequestId("x\"y", IsNumber: false));
        structured.RequestId.ShouldBeNull();
    }

    [Fact]
    public void Check_TooDeep_ParseError()
    {
        var line = new string('[', 300) + new string(']', 300);

        JsonRpcLineCheck.Check(Encoding.UTF8.GetBytes(line)).ErrorCode.ShouldBe(JsonRpcLineCheck.ParseError);
    }

    [Theory]
    [InlineData("""{"result":{"tools":[]},"id":3,"jsonrpc":"2.0"}""", true)]
    [InlineData("""{"error":{"code":-32601,"message":"x"},"id":"a","jsonrpc":"2.0"}""", true)]
    [InlineData("""{"method":"notifications/message","params":{},"jsonrpc":"2.0"}""", false)]
    [InlineData("""{"method":"sampling/createMessage","id":9,"params":{},"jsonrpc":"2.0"}""", false)]
    [InlineData("not json", false)]
    public void IsResponse_ServerLine_Classifies(string line, bool expected)
    {
        JsonRpcLineCheck.IsResponse(Encoding.UTF8.GetBytes(line)).ShouldBe(expected);
    }

    [Fact]
    public void ErrorLine_NullId_IsOneJsonLine()
    {
        var line = Encoding.UTF8.GetString(JsonRpcErrorLine.Create(-32700, "Parse error: \"quoted\"", requestId: null));

        line.ShouldBe("""{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: \u0022quoted\u0022"}}""" + "\n");
    }

    [Fact]
    public void ErrorLine_EchoedIds_KeepTheirType()
    {
        var number = Encoding.UTF8.GetString(JsonRpcErrorLine.Create(-32600, "x", new JsonRpcRequestId("7", IsNumber: true)));
        var text = Encoding.UTF8.GetString(JsonRpcErrorLine.Create(-32600, "x", new JsonRpcRequestId("7", IsNumber: false)));

        number.ShouldContain("\"id\":7,");
        text.ShouldContain("\"id\":\"7\",");
    }
}
