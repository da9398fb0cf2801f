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
    public IReadOnlyList<EffectLine> ReadEffects() => EffectLine.ReadFile(EffectsPath);

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
