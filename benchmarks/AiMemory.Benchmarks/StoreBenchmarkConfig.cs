using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AiMemory.Benchmarks;

/// <summary>
/// Per-operation latency runs: every iteration is one operation (RunStrategy.Monitoring, one invocation), so the P95
/// column is the 95th percentile of single operations. In-process, so the seeded databases are opened once per run.
/// </summary>
public sealed class StoreLatencyConfig : ManualConfig
{
    public StoreLatencyConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(10)
            .WithIterationCount(100)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Latency"));
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

/// <summary>Throughput runs of batch operations: a few iterations, each one whole batch.</summary>
public sealed class StoreBatchConfig : ManualConfig
{
    public StoreBatchConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("Batch"));
        AddColumn(StatisticColumn.Median, StatisticColumn.Max, StatisticColumn.OperationsPerSecond);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
