using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Durable.History;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Reads and writes the recorded history files under Replay/Histories (JSON of the engine's <see cref="HistoryEvent"/>s).</summary>
internal static class HistoryFiles
{
    private const string Folder = "Replay/Histories";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // readable quotes in the files; they are never embedded in HTML
    };

    /// <summary>A history file copied next to the tests.</summary>
    public static IReadOnlyList<HistoryEvent> Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Folder, name);
        return JsonSerializer.Deserialize<List<HistoryEvent>>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path} is empty.");
    }

    /// <summary>Writes <paramref name="history"/> to the file in the source tree (tests/Nexus.Durable.Tests/Replay/Histories).</summary>
    public static string Save(string name, IReadOnlyList<HistoryEvent> history)
    {
        var path = Path.Combine(SourceFolder(), name);
        File.WriteAllText(path, JsonSerializer.Serialize(history, Options) + "\n");
        return path;
    }

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Nexus.Durable.Tests", Folder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No tests/Nexus.Durable.Tests/{Folder} above {AppContext.BaseDirectory}.");
    }
}
