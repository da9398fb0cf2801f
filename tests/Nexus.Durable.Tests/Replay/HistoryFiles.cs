using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Durable.History;

namespace Nexus.Durable.Tests.Replay;

/// <summary>Reads the recorded history files under Replay/Histories.</summary>
internal static class HistoryFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IReadOnlyList<HistoryEvent> Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Replay", "Histories", name);
        return JsonSerializer.Deserialize<List<HistoryEvent>>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}
