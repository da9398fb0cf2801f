using System.Text.Json.Serialization;
using Nexus.Workflows.Model;

namespace Nexus.Api.Contracts;

/// <summary>The body of <c>POST /api/projects</c> and <c>POST /api/tasks/create</c>. Unknown fields are refused (a typo is
/// an error, not a silently ignored setting).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record StartProjectBody
{
    /// <summary>What a caller is told when the body is not such an object.</summary>
    public const string Expected = "The body must be a JSON object with at least a description.";

    /// <summary>What to build (1–20,000 characters). Required.</summary>
    public string? Description { get; init; }

    /// <summary>The project id (<c>[A-Za-z0-9_-]{1,64}</c>); default: a new id.</summary>
    public string? Id { get; init; }

    /// <summary><c>claude</c>, <c>openai</c>, <c>azure-openai</c>, <c>anthropic</c>, <c>ollama</c> or <c>replay</c>.</summary>
    public string? Provider { get; init; }

    /// <summary>The model for every agent.</summary>
    public string? Model { get; init; }

    /// <summary>1–20; default 5.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>A spending cap in USD (&gt; 0).</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>A token cap (&gt; 0).</summary>
    public long? MaxTokens { get; init; }

    /// <summary>Wait for the <c>approval</c> event after planning.</summary>
    public bool? ApprovePlan { get; init; }

    /// <summary>The test command (it runs in the project's workspace); default: detected.</summary>
    public string? TestCommand { get; init; }

    /// <summary>The replay scenario (provider <c>replay</c>); default <c>demo</c>.</summary>
    public string? Scenario { get; init; }

    /// <summary>Extra requirements.</summary>
    public string? Requirements { get; init; }

    /// <summary>Technology to use.</summary>
    public string? Technology { get; init; }

    /// <summary>Constraints.</summary>
    public string? Constraints { get; init; }

    /// <summary>The project template (<c>nexus templates</c> lists them): its scaffold, plan skeleton and test
    /// command. An unknown name is a 400 that lists the known ones.</summary>
    public string? Template { get; init; }

    /// <summary>The QA and Security gates of this project over the host's configured ones: <c>qa</c>, <c>security</c>
    /// (booleans), <c>minLineCoverage</c> (0–100), <c>maxComplexity</c> (at least 1); a field left out keeps the configured value.</summary>
    public GateChoice? Gates { get; init; }

    /// <summary>Whether this project uses the memory across projects (earlier projects' lessons in Aria's and Prime's
    /// prompts, its own stored when it ends); default: the host's setting.</summary>
    public bool? Memory { get; init; }

    /// <summary>Delay per replayed turn in seconds (0–600; demos).</summary>
    public double? ReplayDelaySeconds { get; init; }

    /// <summary>The workflow request; every field checked (the message names each invalid field, one sentence each).</summary>
    /// <exception cref="ArgumentException">A field is missing or invalid.</exception>
    public ProjectRequest ToRequest()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Description))
        {
            problems.Add("description: is required (1–20,000 characters).");
        }

        foreach (var (name, value) in new[] { ("requirements", Requirements), ("technology", Technology), ("constraints", Constraints), ("testCommand", TestCommand) })
        {
            if (UserText.Characters(value) > ProjectRequestValidator.MaxDescriptionLength)
            {
                problems.Add($"{name}: must be at most {ProjectRequestValidator.MaxDescriptionLength:N0} characters.");
            }
        }

        if (UserText.Characters(Model) > 200)
        {
            problems.Add("model: must be at most 200 characters.");
        }

        var delayValid = ReplayDelaySeconds is not { } delay || (!double.IsNaN(delay) && delay is >= 0 and <= 600);
        if (!delayValid)
        {
            problems.Add("replayDelaySeconds: must be between 0 and 600.");
        }

        var request = new ProjectRequest
        {
            Description = Description ?? string.Empty,
            Provider = Provider,
            Model = Model,
            MaxIterations = MaxIterations ?? 5,
            BudgetUsd = BudgetUsd,
            MaxTokens = MaxTokens,
            ApprovePlan = ApprovePlan ?? false,
            TestCommand = TestCommand,
            Scenario = Scenario,
            Requirements = Requirements,
            Technology = Technology,
            Constraints = Constraints,
            Template = Template,
            GateChoice = Gates,
            Memory = Memory,
            ReplayDelay = delayValid && ReplayDelaySeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };

        // The request's own checks, except for a field already named above.
        var named = problems.Select(Field).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(ProjectRequestValidator.Problems(request).Where(p => !named.Contains(Field(p))));
        return problems.Count == 0 ? request : throw new ArgumentException(string.Join(" ", problems), nameof(Description));
    }

    private static string Field(string problem) => problem[..Math.Max(0, problem.IndexOf(':', StringComparison.Ordinal))];
}
