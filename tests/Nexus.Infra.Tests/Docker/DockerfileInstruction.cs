namespace Nexus.Infra.Tests.Docker;

/// <summary>One Dockerfile instruction (continuation lines joined, runs of white space made one space, comments dropped).</summary>
internal sealed record DockerfileInstruction(string Keyword, string Arguments)
{
    /// <summary>The instructions of a Dockerfile's text.</summary>
    public static IReadOnlyList<DockerfileInstruction> Parse(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#') || (current.Length == 0 && line.Trim().Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            var trimmed = string.Join(' ', current.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            var split = trimmed.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(split < 0
                ? new DockerfileInstruction(trimmed.ToUpperInvariant(), "")
                : new DockerfileInstruction(trimmed[..split].ToUpperInvariant(), trimmed[(split + 1)..].Trim()));
            current = "";
        }

        return instructions;
    }
}
