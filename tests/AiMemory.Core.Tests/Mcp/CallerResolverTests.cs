using System.Security.Claims;
using AiMemory.Core.Mcp;
using AiMemory.Security;
using AiMemory.Security.Authentication;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AiMemory.Core.Tests.Mcp;

public sealed class CallerResolverTests
{
    private static readonly CallerIdentity Ambient = new("local", null, AiMemoryScopes.All);

    [Fact]
    public void Resolve_PrincipalWithIdentity_UsesPrincipalOverAmbient()
    {
        var services = Services(Ambient);
        var principal = new CallerIdentity("alice", "key-1", AiMemoryScopes.ReadWrite).ToPrincipal();

        var caller = CallerResolver.Resolve(principal, services, AiMemoryScopes.Read);

        caller.Owner.ShouldBe("alice");
        caller.KeyId.ShouldBe("key-1");
    }

    [Fact]
    public void Resolve_NoPrincipal_UsesAmbientIdentity()
    {
        var caller = CallerResolver.Resolve(null, Services(Ambient), AiMemoryScopes.Write);

        caller.Owner.ShouldBe("local");
    }

    [Fact]
    public void Resolve_AnonymousPrincipal_UsesAmbientIdentity()
    {
        var caller = CallerResolver.Resolve(new ClaimsPrincipal(new ClaimsIdentity()), Services(Ambient), AiMemoryScopes.Read);

        caller.Owner.ShouldBe("local");
    }

    [Fact]
    public void Resolve_AuthenticatedPrincipalWithoutIdentity_RejectsDespiteAmbient()
    {
        var stranger = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "mallory")], "Cookies"));

        var error = Should.Throw<McpException>(() => CallerResolver.Resolve(stranger, Services(Ambient), AiMemoryScopes.Read));

        error.Message.ShouldStartWith("Unauthorized");
    }

    [Fact]
    public void Resolve_NothingRegistered_RejectsAsUnauthorized()
    {
        var error = Should.Throw<McpException>(() => CallerResolver.Resolve(null, Services(null), AiMemoryScopes.Read));

        error.Message.ShouldStartWith("Unauthorized");
    }

    [Fact]
    public void Resolve_MissingScope_NamesTheScope()
    {
        var principal = new CallerIdentity("alice", "key-1", AiMemoryScopes.ReadWrite).ToPrincipal();

        var error = Should.Throw<McpException>(() => CallerResolver.Resolve(principal, Services(null), AiMemoryScopes.WriteInstructions));

        error.Message.ShouldBe("Forbidden: this operation needs the 'instructions:write' scope, which the caller's key does not grant.");
    }

    [Fact]
    public async Task CallTool_PrincipalOnRequest_ActsAsItsOwner()
    {
        using var folder = new AiMemory.Testing.TemporaryDirectory();
        var path = folder.Combine("shared.db");
        var carol = new CallerIdentity("carol", "key-carol", AiMemoryScopes.ReadWrite);
        await using (var viaPrincipal = await McpTestSession.StartAsync(databasePath: path, principal: carol.ToPrincipal()))
        {
            var id = await MemoryToolTests.StoreAsync(viaPrincipal, "Carol's", "via the request principal");
            var resource = await viaPrincipal.Client.ReadResourceAsync($"aimemory://memories/{id}");
            var prompt = await viaPrincipal.Client.GetPromptAsync("load_ai_instructions");
            resource.Contents.OfType<TextResourceContents>().Single().Text.ShouldContain("via the request principal");
            prompt.Messages.Count.ShouldBe(1);
            (await viaPrincipal.CallErrorAsync("create_ai_instruction", new { title = "t", content = "c" }))
                .ShouldContain(AiMemoryScopes.WriteInstructions);
        }

        await using var ambientCarol = await McpTestSession.StartAsync(carol, path);
        await using var ambientAlice = await McpTestSession.StartAsync(databasePath: path);
        MemoryToolTests.Titles(await ambientCarol.CallOkAsync("list_memories")).ShouldBe(["Carol's"]);
        (await ambientAlice.CallOkAsync("list_memories")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    private static ServiceProvider Services(CallerIdentity? ambient)
    {
        var services = new ServiceCollection();
        if (ambient is not null)
        {
            services.AddSingleton<IAmbientCallerIdentity>(new FixedAmbientCallerIdentity(ambient));
        }

        return services.BuildServiceProvider();
    }
}
