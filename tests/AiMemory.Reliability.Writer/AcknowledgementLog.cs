using System.Text;

namespace AiMemory.Reliability.Writer;

/// <summary>
/// Writes whole lines to stdout, one write call per line and no buffering in this process, so a line that the
/// reader sees was acknowledged before the process died.
/// </summary>
internal sealed class AcknowledgementLog(Stream output)
{
    private readonly Lock _gate = new();

    public void Write(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            output.Write(bytes);
            output.Flush();
        }
    }
}
