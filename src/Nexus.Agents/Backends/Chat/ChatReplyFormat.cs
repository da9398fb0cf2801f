namespace Nexus.Agents.Backends.Chat;

/// <summary>The structured reply every chat-model agent gives: a summary and the files it changes.</summary>
/// <remarks>
/// <c>{"summary": string, "edits": [{"path": string, "content": string | null, "delete": boolean}]}</c>. The schema is
/// valid for OpenAI's strict structured outputs (every property required, no additional properties) and as an
/// Anthropic tool <c>input_schema</c>.
/// </remarks>
public static class ChatReplyFormat
{
    /// <summary>The schema's name (OpenAI <c>json_schema.name</c>, Anthropic tool name).</summary>
    public const string SchemaName = "nexus_turn";

    /// <summary>The name used for a caller-supplied <see cref="Abstractions.AgentTurnRequest.OutputSchema"/>.</summary>
    public const string DecisionSchemaName = "nexus_decision";

    /// <summary>The JSON schema of the reply.</summary>
    public const string Schema = """
        {
          "type": "object",
          "properties": {
            "summary": {
              "type": "string",
              "description": "Your final message for this turn (Markdown). It becomes your handoff to the next agent."
            },
            "edits": {
              "type": "array",
              "description": "Every file to create, change or delete. Files not listed stay as they are.",
              "items": {
                "type": "object",
                "properties": {
                  "path": { "type": "string", "description": "Path relative to the workspace root, with / separators." },
                  "content": { "type": ["string", "null"], "description": "The complete new content of the file; null when deleting." },
                  "delete": { "type": "boolean", "description": "true to delete the file." }
                },
                "required": ["path", "content", "delete"],
                "additionalProperties": false
              }
            }
          },
          "required": ["summary", "edits"],
          "additionalProperties": false
        }
        """;

    /// <summary>The instructions appended to the system prompt of a chat agent that edits files.</summary>
    public const string EditInstructions = """
        ## How to answer
        You cannot run commands or open files yourself: the current files of the workspace are included in the message.
        Answer with exactly one JSON object that follows the required schema:
        - "summary": your final message for this turn, written for the agent who reads your handoff.
        - "edits": every file you create or change, each with its COMPLETE new content (never a diff, never "..." or
          "rest unchanged"), or "delete": true with "content": null to remove a file. Paths are relative to the workspace
          root with "/" separators: never absolute, never "..", never inside ".git". Files you do not list stay unchanged.
        An edit that breaks these rules makes the whole reply rejected, and no file is written.
        """;

    /// <summary>The instructions appended to the system prompt when the caller requires its own schema (no edits).</summary>
    public const string StructuredInstructions = """
        ## How to answer
        Answer with exactly one JSON object that follows the required schema, and nothing else. Do not propose file edits.
        """;
}
