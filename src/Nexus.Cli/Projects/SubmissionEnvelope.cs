using Nexus.Agents.Messaging;
using Nexus.Api.Intake;
using Nexus.Cli.Remote;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Projects;

/// <summary>The task-assignment message <c>nexus submit</c> queues: from the user to Prime, <c>create_project</c>, with the
/// project fields as its payload (snake_case, as <c>POST /api/queue</c> and the queue's consumer read them).</summary>
internal static class SubmissionEnvelope
{
    /// <summary>The message type of a project submission.</summary>
    public const string MessageType = "create_project";

    public static TaskAssignment Create(string messageId, MessagePriority priority, ProjectRequest request, string? projectId, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var assignment = new TaskAssignment
        {
            MessageId = messageId,
            Timestamp = timeProvider.GetUtcNow(),
            From = new AgentAddress("user", "human"),
            To = new AgentAddress("prime", "orchestrator"),
            MessageType = MessageType,
            Priority = priority,
            Payload = MessageJson.ToElement(StartBody.From(request, projectId)),
            ResponseExpected = false,
        };
        assignment.Validate();
        return assignment;
    }

    /// <summary>The project a message starts when its payload names none: the consumer derives it from the message id, so a
    /// message processed twice never starts two projects.</summary>
    public static string ProjectIdOf(string messageId, string? projectId) => projectId ?? Submission.DeriveProjectId(messageId);
}
