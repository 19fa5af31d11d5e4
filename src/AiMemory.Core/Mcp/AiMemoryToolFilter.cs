using AiMemory.Core.Storage;
using AiMemory.Security.Sanitization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiMemory.Core.Mcp;

/// <summary>
/// The call-tool filter of the AiMemory tools. It checks the caller and the scope of the tool first, then validates
/// the arguments against the tool's input schema, and turns the errors a tool reports on purpose into an
/// <c>isError</c> result carrying just the message. Tools of other names pass through untouched, and other
/// exceptions keep the SDK's generic message.
/// </summary>
internal static partial class AiMemoryToolFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Create(
        McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            if (context.MatchedPrimitive is not McpServerTool tool ||
                !AiMemoryToolNames.RequiredScopes.TryGetValue(tool.ProtocolTool.Name, out var scope))
            {
                return await next(context, cancellationToken).ConfigureAwait(false);
            }

            var name = tool.ProtocolTool.Name;
            var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(AiMemoryToolFilter)) ?? NullLogger.Instance;
            try
            {
                // The caller is checked before the arguments, so that an unauthorised caller learns nothing about them.
                CallerResolver.Resolve(context.User, context.Services ?? EmptyServices.Instance, scope);
                var invalid = ArgumentValidator.Validate(tool.ProtocolTool.InputSchema, context.Params?.Arguments);
                if (invalid is not null)
                {
                    throw new McpException($"Invalid arguments for {name}: {invalid}");
                }

                return await next(context, cancellationToken).ConfigureAwait(false);
            }
            catch (McpException exception) when (exception is not McpProtocolException)
            {
                return Error(logger, name, exception.Message);
            }
            catch (StoreException exception)
            {
                return Error(logger, name, exception.Message);
            }
            catch (InputRejectedException exception)
            {
                return Error(logger, name, exception.Message);
            }
        };

    private static CallToolResult Error(ILogger logger, string tool, string message)
    {
        LogToolError(logger, tool, message);
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = message }],
        };
    }

    // Debug, because the message can quote argument text, and every rejection is an expected outcome.
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Tool {Tool} returned an error: {Message}")]
    private static partial void LogToolError(ILogger logger, string tool, string message);

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
