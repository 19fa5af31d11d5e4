using System.Globalization;

namespace AiMemory.Reliability.Tests.Support;

/// <summary>
/// How hard the reliability tests push. The default run is short; AIMEMORY_RELIABILITY_ROUNDS raises the number of
/// crash rounds and fuzz iterations for a longer run (for example 200).
/// </summary>
internal static class ReliabilitySettings
{
    public const string RoundsVariable = "AIMEMORY_RELIABILITY_ROUNDS";

    /// <summary>Crash rounds per backend: 20 unless the variable sets another number.</summary>
    public static int Rounds { get; } = ReadRounds();

    /// <summary>Generated tool calls in the fuzz test: 150 in the default run, ten times the rounds when raised.</summary>
    public static int FuzzIterations { get; } = Environment.GetEnvironmentVariable(RoundsVariable) is null ? 150 : Rounds * 10;

    private static int ReadRounds()
    {
        var text = Environment.GetEnvironmentVariable(RoundsVariable);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0 ? rounds : 20;
    }
}
