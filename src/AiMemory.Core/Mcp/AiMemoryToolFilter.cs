using AiMemory.Core.Storage;
using AiMemory.Security.Sanitization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp;

/// <summary>
/// The call-tool filter of the AiMemory tools: it validates the arguments against the tool's input schema before
/// the tool runs, and turns the errors a tool reports on purpose into an <c>isError</c> result carrying just the
/// message. Tools of other names pass through untouched, and other exceptions keep the SDK's generic message.
/// </summary>
internal static class AiMemoryToolFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is not McpServerTool tool || !AiMemoryToolNames.All.Contains(tool.ProtocolTool.Name))
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }

            var invalid = ArgumentValidator.Validate(tool.ProtocolTool.InputSchema, context.Params?.Arguments);
            if (invalid is not null)
            {
                return Error($"Invalid arguments for {tool.ProtocolTool.Name}: {invalid}");
            }

            try
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (McpException exception) when (exception is not McpProtocolException)
            {
                return Error(exception.Message);
            }
            catch (StoreException exception)
            {
                return Error(exception.Message);
            }
            catch (InputRejectedException exception)
            {
                return Error(exception.Message);
            }
        };

    private static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };
}
