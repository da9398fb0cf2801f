using System.Text.Json;
using Nexus.Workflows.Tests.Recovery;
using Nexus.Workflows.Tests.Support;

namespace Nexus.Workflows.Tests.Sandboxing;

/// <summary>One recorded turn of an agent in the demo scenario (<c>samples/demo/AGENT/NNN.json</c>): its summary, its edits
/// and, for Prime, its structured decision — what a scripted claude agent replays through Claude Code's tools.</summary>
internal sealed record RecordedDemoTurn(string Summary, IReadOnlyList<RecordedEdit> Edits, JsonElement? Structured)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static RecordedDemoTurn Load(string agent, int turn)
    {
        var path = Path.Combine(WorkflowFixture.SamplesDirectory, "demo", agent, $"{turn:000}.json");
        return JsonSerializer.Deserialize<RecordedDemoTurn>(File.ReadAllText(path), _json)
            ?? throw new InvalidDataException($"{path} holds null.");
    }
}
