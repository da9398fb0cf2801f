using System.Text.Json.Serialization;

namespace Nexus.Agents.Messaging;

/// <summary>The envelope fields shared by <see cref="TaskAssignment"/> and <see cref="TaskResponse"/>.</summary>
/// <remarks>On the wire the names are snake_case; see <see cref="MessageJson"/>.</remarks>
public abstract record AgentMessage
{
    /// <summary>Unique id of this message (<c>message_id</c>). Callers supply it (a GUID, or one derived deterministically in a workflow).</summary>
    public required string MessageId { get; init; }

    /// <summary>When the message was created (<c>timestamp</c>, ISO 8601 with offset).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The sender (<c>from</c>).</summary>
    public required AgentAddress From { get; init; }

    /// <summary>The recipient (<c>to</c>).</summary>
    public required AgentAddress To { get; init; }

    /// <summary>What kind of task this is (<c>message_type</c>, for example <c>plan</c>, <c>implement</c>, <c>create_tests</c>, <c>validate</c>).</summary>
    public required string MessageType { get; init; }

    /// <summary>How urgent it is (<c>priority</c>). Default <see cref="MessagePriority.Normal"/>.</summary>
    public MessagePriority Priority { get; init; } = MessagePriority.Normal;

    /// <summary>Every problem of this message, each naming its snake_case field; empty when the message is valid.</summary>
    public IReadOnlyList<string> GetProblems()
    {
        var problems = new List<string>();
        Require(MessageId, "message_id", problems);
        if (Timestamp == default)
        {
            problems.Add("timestamp is missing");
        }

        CheckAddress(From, "from", problems);
        CheckAddress(To, "to", problems);
        Require(MessageType, "message_type", problems);
        if (!Enum.IsDefined(Priority))
        {
            problems.Add($"priority {(int)Priority} is not one of low, normal, high, critical");
        }

        AddProblems(problems);
        return problems;
    }

    /// <summary>Throws when the message is invalid.</summary>
    /// <exception cref="MessageValidationException">Lists every problem.</exception>
    public void Validate()
    {
        var problems = GetProblems();
        if (problems.Count > 0)
        {
            throw new MessageValidationException(Kind, problems);
        }
    }

    /// <summary>The message kind in errors (<c>task_assignment</c>, <c>task_response</c>).</summary>
    [JsonIgnore]
    protected abstract string Kind { get; }

    /// <summary>Adds the problems of the derived message's own fields.</summary>
    protected abstract void AddProblems(List<string> problems);

    /// <summary>Adds a problem when <paramref name="value"/> is missing or blank.</summary>
    protected static void Require(string? value, string field, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (value is null)
        {
            problems.Add($"{field} is missing");
        }
        else if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{field} must not be empty");
        }
    }

    private static void CheckAddress(AgentAddress? address, string field, List<string> problems)
    {
        if (address is null)
        {
            problems.Add($"{field} is missing");
            return;
        }

        Require(address.AgentId, field + ".agent_id", problems);
        Require(address.AgentType, field + ".agent_type", problems);
    }
}
