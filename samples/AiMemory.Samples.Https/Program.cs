using AiMemory.Hosting.Http;
using AiMemory.Hosting.Http.Commands;

// Runs the AiMemory HTTP(S) server: MCP on /mcp, the REST API under /api and /health, configured from the
// environment, a .env file in the working directory and appsettings.json. With no configuration it listens on
// http://127.0.0.1:3000 over an embedded SQLite store and prints a first API key.
//
//   aimemory-https                   run the server
//   aimemory-https dev-cert --out D  write a self-signed development certificate pair into folder D
//   aimemory-https keys|db|backup|health ...   administration commands (see docs/operations.md)
if (await AiMemoryCommandLine.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

return await AiMemoryHttpHost.RunAsync(args);
