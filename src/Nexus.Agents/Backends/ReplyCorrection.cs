using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends;

/// <summary>A reply the model can fix — not JSON, not the schema, an edit the workspace refuses (a <c>..</c> path, <c>.git</c>)
/// — goes back to the same model with the reason, a bounded number of times, before the turn fails.</summary>
/// <remarks>One home for the bound and the text: the chat backends send it as the next user message of the conversation,
/// the Claude Code backend as the prompt of a <c>--resume</c> of the same session.</remarks>
internal static class ReplyCorrection
{
    /// <summary>The default number of corrections per turn.</summary>
    public const int DefaultLimit = 2;

    /// <summary>The most corrections a backend may be configured with.</summary>
    public const int MaxLimit = 5;

    /// <summary>Whether <paramref name="result"/> is a reply the model could correct (nothing of it was applied).</summary>
    public static bool CanCorrect(AgentTurnResult result) => result is { Succeeded: false, Error.Kind: AgentErrorKind.InvalidResponse };

    /// <summary>The message that sends the reason back.</summary>
    public static string Message(string reason) =>
        $"Your reply was rejected and nothing of it was applied: {reason}\n" +
        "Answer again with exactly one JSON object that follows the required schema, and fix that.";

    /// <summary>The failure after the last correction: the reason, and how many times the model was asked to fix it.</summary>
    public static AgentTurnResult GaveUp(AgentTurnResult result, int corrections) =>
        corrections == 0 || result.Error is null
            ? result
            : result with { Error = result.Error with { Message = $"{result.Error.Message} (still invalid after {corrections} correction(s))" } };

    /// <summary>Checks a configured limit.</summary>
    /// <exception cref="InvalidOperationException">It is outside 0–<see cref="MaxLimit"/>.</exception>
    public static void Validate(int limit)
    {
        if (limit is < 0 or > MaxLimit)
        {
            throw new InvalidOperationException($"ReplyCorrections must be between 0 and {MaxLimit} (it is {limit}).");
        }
    }
}
