namespace Nexus.Workflows.Model;

/// <summary>Which models a provider can run, as far as a name tells: a model of another provider's family (an OpenAI model
/// on Claude, a Claude model on OpenAI or Ollama) fails at the first turn, so a start refuses it.</summary>
/// <remarks>Only names that certainly belong to one vendor are refused; Azure OpenAI deployments and Ollama models have
/// names of their owner's choosing (Ollama serves <c>gpt-oss</c>), and without <c>--provider</c> the agents' configured
/// backends decide.</remarks>
public static class ProviderModels
{
    // Hosted OpenAI models: names starting with these, or equal to (or "-"-continued from) the short ones. gpt-oss is
    // open-weight (Ollama serves it) and not among them.
    private static readonly string[] OpenAIPrefixes = ["gpt-3", "gpt-4", "gpt-5", "chatgpt-", "davinci", "text-embedding-"];
    private static readonly string[] OpenAINames = ["o1", "o3", "o4"];

    // Anthropic's model ids and the aliases Claude Code accepts.
    private static readonly string[] AnthropicPrefixes = ["claude"];
    private static readonly string[] AnthropicNames = ["sonnet", "opus", "haiku", "opusplan"];

    /// <summary>Why <paramref name="provider"/> cannot run <paramref name="model"/>, or <see langword="null"/> when it can
    /// (or when either is not given).</summary>
    public static string? Problem(string? provider, string? model)
    {
        if (string.IsNullOrWhiteSpace(provider))
        {
            return null;
        }

        var p = provider.Trim().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(model))
        {
            // Ollama has no model of its own to fall back on: the agents' configured models name other providers' models.
            return p == "ollama" ? "model: provider 'ollama' needs a model (one your Ollama has pulled, for example llama3.1)." : null;
        }

        var m = model.Trim();
        return p switch
        {
            "replay" => $"model: provider 'replay' plays recorded turns and takes no model (leave out '{m}').",
            "claude" or "anthropic" when IsOpenAI(m) =>
                $"model: '{m}' is an OpenAI model; provider '{p}' runs Anthropic models (for example claude-sonnet-4-5).",
            "openai" when IsAnthropic(m) =>
                $"model: '{m}' is an Anthropic model; provider 'openai' runs OpenAI models (for example gpt-4.1); Anthropic models run on provider 'anthropic' or 'claude'.",
            "ollama" when IsAnthropic(m) || IsOpenAI(m) =>
                $"model: '{m}' is a hosted {(IsAnthropic(m) ? "Anthropic" : "OpenAI")} model; provider 'ollama' runs the models your Ollama has pulled (for example llama3.1).",
            _ => null,
        };
    }

    private static bool IsOpenAI(string model) => Is(model, OpenAIPrefixes, OpenAINames);

    private static bool IsAnthropic(string model) => Is(model, AnthropicPrefixes, AnthropicNames);

    private static bool Is(string model, string[] prefixes, string[] names) =>
        prefixes.Any(p => model.StartsWith(p, StringComparison.OrdinalIgnoreCase))
        || names.Any(n => model.Equals(n, StringComparison.OrdinalIgnoreCase) || model.StartsWith(n + "-", StringComparison.OrdinalIgnoreCase));
}
