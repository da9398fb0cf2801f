namespace Nexus.Workflows.Model;

/// <summary>Checks a <see cref="ProjectRequest"/> before anything is started; every problem is a clear <see cref="ArgumentException"/>.</summary>
public static class ProjectRequestValidator
{
    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 20_000;

    /// <summary>The providers NEXUS knows.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["claude", "openai", "azure-openai", "anthropic", "ollama", "replay"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public static void Validate(ProjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Description))
        {
            throw new ArgumentException("description: must not be empty.", nameof(request));
        }

        if (UserText.Characters(request.Description) is var length && length > MaxDescriptionLength)
        {
            throw new ArgumentException($"description: must be at most {MaxDescriptionLength:N0} characters (it has {length:N0}).", nameof(request));
        }

        // Every text field is shown again in terminals and pages: no control or bidi characters (see UserText).
        UserText.Validate(request.Description, "description");
        UserText.Validate(request.Requirements, "requirements");
        UserText.Validate(request.Technology, "technology");
        UserText.Validate(request.Constraints, "constraints");
        UserText.Validate(request.TestCommand, "testCommand");
        UserText.Validate(request.Model, "model");

        if (request.MaxIterations is < 1 or > 20)
        {
            throw new ArgumentException($"maxIterations: must be between 1 and 20 (it is {request.MaxIterations}).", nameof(request));
        }

        if (request.BudgetUsd is { } budget && budget <= 0)
        {
            throw new ArgumentException("budgetUsd: must be greater than 0.", nameof(request));
        }

        if (request.MaxTokens is { } tokens && tokens <= 0)
        {
            throw new ArgumentException("maxTokens: must be greater than 0.", nameof(request));
        }

        if (request.Provider is { } provider && !Providers.Contains(provider, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"provider: '{provider}' is not one of {string.Join(", ", Providers)}.", nameof(request));
        }

        if (ProviderModels.Problem(request.Provider, request.Model) is { } mismatch)
        {
            throw new ArgumentException(mismatch, nameof(request));
        }

        if (request.ApprovalTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("approvalTimeout: must be positive.", nameof(request));
        }

        if (request.Scenario is { } scenario && (scenario.Length > 64 || !scenario.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new ArgumentException("scenario: use 1–64 letters, digits, '-' or '_'.", nameof(request));
        }

        if (request.Template is { } template && !IsTemplateName(template))
        {
            throw new ArgumentException("template: use 1–64 lowercase letters, digits, '-' or '_'.", nameof(request));
        }

        if (request.ReplayDelay is { } delay && (delay < TimeSpan.Zero || delay > TimeSpan.FromMinutes(10)))
        {
            throw new ArgumentException("replayDelay: must be between 0 and 10 minutes.", nameof(request));
        }

        if (request.Gates is { } gates && (gates.MinLineCoverage is < 0 or > 100 || double.IsNaN(gates.MinLineCoverage) || gates.MaxComplexity < 1))
        {
            throw new ArgumentException(
                $"gates: minLineCoverage must be between 0 and 100 and maxComplexity at least 1 (they are {gates.MinLineCoverage} and {gates.MaxComplexity}).", nameof(request));
        }
    }

    /// <summary>Whether <paramref name="name"/> can name a template: 1–64 lowercase ASCII letters, digits, <c>-</c> or <c>_</c>.</summary>
    public static bool IsTemplateName(string? name) =>
        name is { Length: > 0 and <= 64 } && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
