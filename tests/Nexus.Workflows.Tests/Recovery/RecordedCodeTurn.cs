using System.Text.Json;
using Nexus.Workflows.Tests.Support;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>One of Code's recorded turns of the demo scenario (<c>samples/demo/code/NNN.json</c>): its summary and edits,
/// which the scripted claude agents replay through Claude Code's Write tool.</summary>
internal sealed record RecordedCodeTurn(string Summary, IReadOnlyList<RecordedEdit> Edits)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public static RecordedCodeTurn Load(int turn)
    {
        var path = Path.Combine(WorkflowFixture.SamplesDirectory, "demo", "code", $"{turn:000}.json");
        return JsonSerializer.Deserialize<RecordedCodeTurn>(File.ReadAllText(path), _json)
            ?? throw new InvalidDataException($"{path} holds null.");
    }
}
