using System.Text;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Roles;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Chat;

/// <summary>The messages and the reply schema of one chat turn.</summary>
/// <param name="System">The system prompt: persona, team, handoffs, house rules and how to answer.</param>
/// <param name="User">The user message: workspace files, the session seed (scratchpads) and the task.</param>
/// <param name="Schema">The JSON schema the reply must follow.</param>
/// <param name="SchemaName">The schema's name.</param>
/// <param name="ExpectsEdits">Whether the reply is the edits format (<see langword="false"/> for a caller's own schema).</param>
internal sealed record ChatPrompt(string System, string User, string Schema, string SchemaName, bool ExpectsEdits)
{
    /// <summary>Builds the prompt of <paramref name="request"/>.</summary>
    internal static ChatPrompt For(AgentTurnRequest request, int workspaceBudgetBytes, SecretRedactor redactor)
    {
        var expectsEdits = string.IsNullOrWhiteSpace(request.OutputSchema);
        var system = SystemPromptBuilder.Build(request.Agent) + "\n"
            + (expectsEdits ? ChatReplyFormat.EditInstructions : ChatReplyFormat.StructuredInstructions);

        var user = new StringBuilder();
        if (expectsEdits)
        {
            var workspace = WorkspaceSnapshot.Render(request.WorkspacePath, workspaceBudgetBytes, redactor);
            if (workspace.Length > 0)
            {
                user.Append(workspace).AppendLine();
            }
        }

        if (!string.IsNullOrWhiteSpace(request.SessionSeed))
        {
            user.AppendLine("# Context").AppendLine(request.SessionSeed.Trim()).AppendLine();
        }

        user.AppendLine("# Your task").Append(request.Prompt.Trim());
        return new ChatPrompt(
            system,
            user.ToString(),
            expectsEdits ? ChatReplyFormat.Schema : request.OutputSchema!,
            expectsEdits ? ChatReplyFormat.SchemaName : ChatReplyFormat.DecisionSchemaName,
            expectsEdits);
    }
}
