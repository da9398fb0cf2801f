namespace Nexus.Agents.Messaging;

/// <summary>A message is malformed or misses required fields; <see cref="Problems"/> lists every problem by its JSON field path.</summary>
public sealed class MessageValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageValidationException()
        : this("The message is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public MessageValidationException(string message)
        : base(message)
    {
        MessageKind = string.Empty;
        Problems = [message];
    }

    /// <summary>Creates the exception.</summary>
    public MessageValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageKind = string.Empty;
        Problems = [message];
    }

    /// <summary>Creates the exception for a <paramref name="messageKind"/> with <paramref name="problems"/>.</summary>
    public MessageValidationException(string messageKind, IReadOnlyList<string> problems, Exception? innerException = null)
        : base($"Invalid {messageKind}: {string.Join("; ", problems)}.", innerException)
    {
        MessageKind = messageKind;
        Problems = problems;
    }

    /// <summary>The kind of message (<c>task_assignment</c> or <c>task_response</c>).</summary>
    public string MessageKind { get; }

    /// <summary>Every problem found, each naming its field in snake_case (<c>from.agent_id is missing</c>).</summary>
    public IReadOnlyList<string> Problems { get; }
}
