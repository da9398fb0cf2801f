using System.Security.Cryptography;
using System.Text;
using Nexus.Agents.Messaging;
using Nexus.Agents.Scratchpads;
using Nexus.Api.Contracts;
using Nexus.Workflows.Model;

namespace Nexus.Api.Intake;

/// <summary>A task-assignment envelope read as a project start, the same for the local queue consumer and the Function
/// App's queue trigger: the payload's project fields (snake_case) validated, and the project id fixed by the message.</summary>
/// <param name="MessageId">The envelope's message id.</param>
/// <param name="Request">The validated project request.</param>
/// <param name="ProjectId">The payload's <c>id</c>, else one derived from the message id (<see cref="DeriveProjectId"/>):
/// a message processed twice names the same project, so it can never start two.</param>
internal sealed record Submission(string MessageId, ProjectRequest Request, string ProjectId)
{
    /// <summary>Reads an envelope.</summary>
    /// <exception cref="MessageValidationException">Not a valid task-assignment envelope.</exception>
    /// <exception cref="ArgumentException">The payload's project fields or id are invalid (the message names the field).</exception>
    public static Submission Parse(string body)
    {
        var assignment = MessageJson.DeserializeAssignment(body);
        var payload = assignment.PayloadAs<StartProjectBody>() ?? throw new ArgumentException("payload: must be an object with the project fields.");
        var request = payload.ToRequest();
        if (payload.Id is { } given)
        {
            ProjectIds.Validate(given, "id");
        }

        return new Submission(assignment.MessageId, request, payload.Id ?? DeriveProjectId(assignment.MessageId));
    }

    /// <summary>The project id of a message without one: stable for the message id.</summary>
    public static string DeriveProjectId(string messageId) =>
        "q-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..16];
}
