using Nexus.Durable.Sqlite;

namespace Nexus.Durable.Tests.Recovery;

/// <summary>A temporary directory with the shared SQLite file and the workers' effects file; deleted on dispose.</summary>
internal sealed class RecoveryWorkspace : IDisposable
{
    public RecoveryWorkspace()
    {
        Directory = Path.Combine(Path.GetTempPath(), "nexus-recovery-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "nexus.db");
        EffectsPath = Path.Combine(Directory, "effects.log");
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string EffectsPath { get; }

    /// <summary>A store of this process on the shared file (the workers open their own).</summary>
    public SqliteDurableStore OpenStore() => new(new SqliteStoreOptions { DatabasePath = DatabasePath });

    /// <summary>The complete lines of the effects file so far.</summary>
    public IReadOnlyList<EffectLine> ReadEffects()
    {
        if (!File.Exists(EffectsPath))
        {
            return [];
        }

        using var stream = new FileStream(EffectsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)]; // a line still being written is not read yet
        return [.. complete.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(EffectLine.Parse)];
    }

    /// <summary>The effects file's text, for failure messages.</summary>
    public string EffectsText => File.Exists(EffectsPath) ? File.ReadAllText(EffectsPath) : "(no effects file)";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a killed worker's file handles may linger for a moment
        }
    }
}
