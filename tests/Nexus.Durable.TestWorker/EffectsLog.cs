using System.Text;

namespace Nexus.Durable.TestWorker;

/// <summary>Appends one line per side effect to a file and syncs it to disk, so the line survives a SIGKILL right after.</summary>
internal sealed class EffectsLog(string path)
{
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    public void Append(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }
}
