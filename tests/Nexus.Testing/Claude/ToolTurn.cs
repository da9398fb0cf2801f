namespace Nexus.Testing.Claude;

/// <summary>A scripted model turn for the real <c>claude</c> CLI: the given tool uses one after another (each request is
/// answered with the first tool use whose result it does not carry yet), then a final text.</summary>
/// <remarks>The position comes from the conversation itself: the <c>tool_result</c>s after the last user prompt, so the
/// same script serves every turn of a session.</remarks>
public static class ToolTurn
{
    /// <summary>The reply function for <see cref="FakeAnthropicServer.Script"/>; <paramref name="onToolUse"/> is called
    /// with the tool use's index just before it is sent, and the final text waits for <paramref name="finalTextGate"/> (so
    /// a test can keep the turn — and its project — running while it looks at what the tools did).</summary>
    public static Func<RecordedRequest, FakeReply> Script(
        IReadOnlyList<(string Name, object Input)> tools, string finalText, Action<int>? onToolUse = null, Task? finalTextGate = null) =>
        request =>
        {
            var done = ToolResultsSincePrompt(request);
            if (done >= tools.Count)
            {
                // The fake's request thread waits; the claude process waits for its answer meanwhile.
                finalTextGate?.Wait(TimeSpan.FromMinutes(2));
                return FakeReply.Text(finalText);
            }

            onToolUse?.Invoke(done);
            return FakeReply.ToolUse(tools[done].Name, tools[done].Input);
        };

    /// <summary>How many tool results follow the last user message that is not one (the prompt of this turn).</summary>
    public static int ToolResultsSincePrompt(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = request.Messages.Where(m => m.Role != "system").ToList();
        var count = 0;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role != "user")
            {
                continue;
            }

            if (!messages[i].Text.Contains("[tool_result", StringComparison.Ordinal))
            {
                break;
            }

            count++;
        }

        return count;
    }
}
