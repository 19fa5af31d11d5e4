using AiMemory.Benchmarks.Growth;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == GrowthCommand.Name)
{
    return await GrowthCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
