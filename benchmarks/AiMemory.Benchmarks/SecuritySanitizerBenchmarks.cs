using System.Text;
using AiMemory.Security.Sanitization;
using BenchmarkDotNet.Attributes;

namespace AiMemory.Benchmarks;

/// <summary>
/// The sanitiser on 64 KiB (UTF-16 code units) of clean and hostile text. Throughput in MB/s is the UTF-8 size of
/// the input divided by the mean time; the sizes are printed at setup and recorded with the results.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class SecuritySanitizerBenchmarks
{
    private const int Length = 64 * 1024;

    private string _cleanAscii = string.Empty;
    private string _cleanMixed = string.Empty;
    private string _hostile = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _cleanAscii = Repeat("if (memory.Owner == owner) { return connection_string = x; } <script>text</script>\n");
        _cleanMixed = Repeat("Meeting notes \u4f1a\u8bae\u8bb0\u5f55 \u05e9\u05dc\u05d5\u05dd \U0001F468\u200D\U0001F469\u200D\U0001F467 caf\u00e9 \u2764\uFE0F\n");
        _hostile = Repeat("text\u0000\u001B[31mred\u001B[0m\u202Eevil\u202C\u200B\U000E0041\U000E0042\uFE0F\uFE0F ok\n");
        foreach (var (name, text) in new[] { ("clean ASCII", _cleanAscii), ("clean mixed", _cleanMixed), ("hostile", _hostile) })
        {
            Console.WriteLine($"// {name}: {text.Length} UTF-16 code units, {Encoding.UTF8.GetByteCount(text)} UTF-8 bytes");
        }
    }

    [Benchmark(Description = "clean ASCII, 64 Ki chars")]
    public string CleanAscii() => InputSanitizer.Sanitize("content", _cleanAscii, int.MaxValue).Value;

    [Benchmark(Description = "clean CJK/RTL/emoji, 64 Ki chars")]
    public string CleanMixed() => InputSanitizer.Sanitize("content", _cleanMixed, int.MaxValue).Value;

    [Benchmark(Description = "hostile, 64 Ki chars")]
    public string Hostile() => InputSanitizer.Sanitize("content", _hostile, int.MaxValue).Value;

    private static string Repeat(string unit)
    {
        var builder = new StringBuilder(Length + unit.Length);
        while (builder.Length < Length)
        {
            builder.Append(unit);
        }

        return builder.ToString();
    }
}
