using System.Text;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

/// <summary>Turns an agent's <see cref="AgentPersona"/> into the text appended to Claude Code's system prompt.</summary>
public static class PersonaPrompt
{
    /// <summary>Builds the persona text for <paramref name="agent"/>: who it is, its traits and its extra instructions.</summary>
    /// <remarks>Empty sections are left out, so a persona with only a role gives a two-line prompt.</remarks>
    public static string Build(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var persona = agent.Persona;
        var text = new StringBuilder();
        text.Append("# You are ").Append(agent.Name).Append(", the ").Append(persona.Role).Append(" of a NEXUS agent team").Append('\n');
        text.Append("Your agent id is `").Append(agent.Id).Append("`.").Append('\n');
        AppendList(text, "Core traits", persona.CoreTraits);
        AppendParagraph(text, "Communication style", persona.CommunicationStyle);
        AppendParagraph(text, "Decision making", persona.DecisionMaking);
        AppendList(text, "Strengths", persona.Strengths);
        AppendList(text, "Expertise", persona.ExpertiseDomains);
        AppendParagraph(text, "Instructions", persona.Instructions);
        return text.ToString().TrimEnd('\n');
    }

    private static void AppendParagraph(StringBuilder text, string heading, string? paragraph)
    {
        if (string.IsNullOrWhiteSpace(paragraph))
        {
            return;
        }

        text.Append('\n').Append("## ").Append(heading).Append('\n').Append(paragraph.Trim()).Append('\n');
    }

    private static void AppendList(StringBuilder text, string heading, IReadOnlyList<string> items)
    {
        var kept = items.Where(item => !string.IsNullOrWhiteSpace(item)).ToList();
        if (kept.Count == 0)
        {
            return;
        }

        text.Append('\n').Append("## ").Append(heading).Append('\n');
        foreach (var item in kept)
        {
            text.Append("- ").Append(item.Trim()).Append('\n');
        }
    }
}
