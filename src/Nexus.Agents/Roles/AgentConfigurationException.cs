using System.Globalization;
using System.Text;

namespace Nexus.Agents.Roles;

/// <summary>An agent configuration file is invalid; the message names the file, the agent, the field and the line.</summary>
public sealed class AgentConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AgentConfigurationException()
        : this("The agent configuration is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AgentConfigurationException(string message)
        : base(message)
    {
        SourceName = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception.</summary>
    public AgentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception for a problem in <paramref name="source"/>.</summary>
    /// <param name="source">The file (or other source) the configuration came from.</param>
    /// <param name="agentId">The agent whose entry is wrong, if any.</param>
    /// <param name="field">The field (snake_case, dotted for nested fields such as <c>persona.role</c>), if any.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public AgentConfigurationException(string source, string? agentId, string? field, string problem, int? line = null, Exception? innerException = null)
        : base(FormatMessage(source, agentId, field, problem, line), innerException)
    {
        SourceName = source;
        AgentId = agentId;
        Field = field;
        Problem = problem;
        Line = line;
    }

    /// <summary>The file (or other source) the configuration came from.</summary>
    public string SourceName { get; }

    /// <summary>The agent whose entry is wrong, if any.</summary>
    public string? AgentId { get; }

    /// <summary>The field, snake_case and dotted (<c>persona.role</c>), if any.</summary>
    public string? Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    /// <summary>The 1-based line, when known.</summary>
    public int? Line { get; }

    private static string FormatMessage(string source, string? agentId, string? field, string problem, int? line)
    {
        var builder = new StringBuilder("Invalid agent configuration in '").Append(source).Append('\'');
        if (line is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $" (line {line})");
        }

        builder.Append(": ");
        if (agentId is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"agent '{agentId}', ");
        }

        if (field is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"field '{field}': ");
        }

        return builder.Append(problem).ToString();
    }
}
