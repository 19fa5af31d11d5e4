using AiMemory.Hosting.Stdio;

return await AiMemoryStdioHost.RunAsync(args);
