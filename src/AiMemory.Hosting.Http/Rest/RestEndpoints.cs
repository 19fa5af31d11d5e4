using AiMemory.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AiMemory.Hosting.Http.Rest;

/// <summary>Maps the REST API under <c>/api</c>.</summary>
internal static class RestEndpoints
{
    /// <summary>The path prefix of every REST route.</summary>
    public const string Prefix = "/api";

    /// <summary>Maps the memory, task, project and instruction routes, with store and validation errors as problem details.</summary>
    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix);
        api.AddEndpointFilter<RestErrorFilter>();

        MemoryEndpoints.Map(api, AiMemoryScopes.Read, AiMemoryScopes.Write);
        TaskEndpoints.Map(api, AiMemoryScopes.Read, AiMemoryScopes.Write);
        ProjectEndpoints.Map(api, AiMemoryScopes.Read, AiMemoryScopes.Write);
        InstructionEndpoints.Map(api, AiMemoryScopes.Read, AiMemoryScopes.WriteInstructions);
        return api;
    }
}
