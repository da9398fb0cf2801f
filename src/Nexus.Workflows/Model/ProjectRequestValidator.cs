namespace Nexus.Workflows.Model;

/// <summary>Checks a <see cref="ProjectRequest"/> before anything is started: every problem, each a clear sentence naming its field.</summary>
public static class ProjectRequestValidator
{
    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 20_000;

    /// <summary>The providers NEXUS knows.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["claude", "openai", "azure-openai", "anthropic", "ollama", "replay"];

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid field, one sentence each, in field order.</summary>
    public static void Validate(ProjectRequest request)
    {
        if (Problems(request) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(request));
        }
    }

    /// <summary>Every problem of <paramref name="request"/>, one sentence each starting with the field; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(ProjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        void Check(bool wrong, string problem)
        {
            if (wrong)
            {
                problems.Add(problem);
            }
        }

        Check(string.IsNullOrWhiteSpace(request.Description), "description: must not be empty.");
        var length = UserText.Characters(request.Description);
        Check(length > MaxDescriptionLength, $"description: must be at most {MaxDescriptionLength:N0} characters (it has {length:N0}).");

        // Every text field is shown again in terminals and pages: no control or bidi characters (see UserText).
        foreach (var (field, text) in new[]
        {
            ("description", request.Description), ("requirements", request.Requirements), ("technology", request.Technology),
            ("constraints", request.Constraints), ("testCommand", request.TestCommand), ("model", request.Model),
        })
        {
            if (UserText.Describe(text, field) is { } problem)
            {
                problems.Add(problem);
            }
        }

        Check(request.MaxIterations is < 1 or > 20, $"maxIterations: must be between 1 and 20 (it is {request.MaxIterations}).");
        Check(request.BudgetUsd is <= 0, "budgetUsd: must be greater than 0.");
        Check(request.MaxTokens is <= 0, "maxTokens: must be greater than 0.");
        var knownProvider = request.Provider is not { } provider || Providers.Contains(provider, StringComparer.OrdinalIgnoreCase);
        Check(!knownProvider, $"provider: '{request.Provider}' is not one of {string.Join(", ", Providers)}.");
        if (knownProvider && ProviderModels.Problem(request.Provider, request.Model) is { } mismatch)
        {
            problems.Add(mismatch);
        }

        Check(request.ApprovalTimeout <= TimeSpan.Zero, "approvalTimeout: must be positive.");
        Check(
            request.Scenario is { } scenario && (scenario.Length > 64 || !scenario.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')),
            "scenario: use 1–64 letters, digits, '-' or '_'.");
        Check(request.Template is { } template && !IsTemplateName(template), "template: use 1–64 lowercase letters, digits, '-' or '_'.");
        Check(request.ReplayDelay is { } delay && (delay < TimeSpan.Zero || delay > TimeSpan.FromMinutes(10)), "replayDelay: must be between 0 and 10 minutes.");
        Check(
            request.Gates is { } gates && (gates.MinLineCoverage is < 0 or > 100 || double.IsNaN(gates.MinLineCoverage) || gates.MaxComplexity < 1),
            $"gates: minLineCoverage must be between 0 and 100 and maxComplexity at least 1 (they are {request.Gates?.MinLineCoverage} and {request.Gates?.MaxComplexity}).");
        Check(
            request.GateChoice?.MinLineCoverage is { } coverage && (coverage is < 0 or > 100 || double.IsNaN(coverage)),
            $"gates.minLineCoverage: must be between 0 and 100 (it is {request.GateChoice?.MinLineCoverage}).");
        Check(request.GateChoice?.MaxComplexity is < 1, $"gates.maxComplexity: must be at least 1 (it is {request.GateChoice?.MaxComplexity}).");
        return problems;
    }

    /// <summary>Whether <paramref name="name"/> can name a template: 1–64 lowercase ASCII letters, digits, <c>-</c> or <c>_</c>.</summary>
    public static bool IsTemplateName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
