using Nexus.Agents.Abstractions;
using Nexus.Agents.Security;

namespace Nexus.Workflows.Live;

/// <summary>The progress receiver of one agent turn: each note becomes a <see cref="LiveActivity"/> of the project, its
/// text and target redacted the way the API redacts what it serves (tool inputs may hold secrets).</summary>
internal sealed class LiveActivityProgress(LiveActivityFeed feed, SecretRedactor redactor, string projectId, string agentId, string? agentName, string stepKey)
    : IProgress<AgentProgress>
{
    public void Report(AgentProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        feed.Publish(new LiveActivity
        {
            ProjectId = projectId,
            AgentId = agentId,
            AgentName = agentName,
            StepKey = stepKey,
            Kind = value.Kind switch
            {
                AgentProgressKind.Tool => LiveActivityKind.Tool,
                AgentProgressKind.Session => LiveActivityKind.Session,
                AgentProgressKind.Retry => LiveActivityKind.Retry,
                AgentProgressKind.Streaming => LiveActivityKind.Streaming,
                _ => LiveActivityKind.Message,
            },
            Text = redactor.Redact(value.Message),
            Tool = value.Tool,
            Target = value.Target is null ? null : redactor.Redact(value.Target),
        });
    }
}
