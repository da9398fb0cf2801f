using System.Globalization;
using System.Text;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Roles;

/// <summary>Turns an agent's persona into its system prompt: who it is, the NEXUS team, its handoffs and the house rules.</summary>
/// <remarks>The prompt is a pure function of its inputs (no clock, no environment), so a retried turn gets the same prompt.</remarks>
public static class SystemPromptBuilder
{
    /// <summary>What each seed scratchpad carries, so an agent knows what it reads and for whom it writes.</summary>
    public static IReadOnlyDictionary<string, string> ScratchpadDescriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["shared_context.md"] = "the project's goal, constraints and decisions so far, shared by the whole team",
        ["aria_to_code.md"] = "Aria's plan and acceptance criteria, for Code",
        ["code_to_alpha.md"] = "Code's summary of what was implemented and how to run it, for Alpha",
        ["alpha_to_beta.md"] = "Alpha's tests, the criteria they cover and the command that runs them, for Beta",
        ["beta_to_aria.md"] = "Beta's test verdict and failure analysis, for Aria (and Prime)",
        ["orchestrator_feedback.md"] = "Prime's routing decisions and what the next agent must focus on",
    };

    private static readonly (string Name, string Role, string Duty)[] DefaultTeam =
    [
        ("Prime", "Orchestrator", "decides every routing step from the evidence"),
        ("Aria", "Coordinator", "analyses the request, plans, and writes the acceptance criteria"),
        ("Code", "Developer", "implements the plan"),
        ("Alpha", "Test Creator", "writes tests for the acceptance criteria"),
        ("Beta", "Test Validator", "runs the tests and analyses failures"),
    ];

    /// <summary>Builds the system prompt of <paramref name="agent"/>.</summary>
    /// <param name="agent">The agent.</param>
    /// <param name="team">The team to describe (usually <see cref="AgentCatalog.Agents"/>); <see langword="null"/> describes the five built-in agents.</param>
    public static string Build(AgentDefinition agent, IReadOnlyList<AgentDefinition>? team = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var persona = agent.Persona;
        var prompt = new StringBuilder();

        prompt.Append(CultureInfo.InvariantCulture, $"You are {agent.Name}, the {persona.Role} of NEXUS, a team of AI agents that builds software together.");
        prompt.AppendLine().AppendLine();
        AppendTeam(prompt, agent, team);
        AppendProfile(prompt, persona);
        AppendHandoffs(prompt, persona);
        AppendHouseRules(prompt);

        if (!string.IsNullOrWhiteSpace(persona.Instructions))
        {
            prompt.AppendLine().AppendLine("## Additional instructions").AppendLine(persona.Instructions.Trim());
        }

        return prompt.ToString().TrimEnd() + "\n";
    }

    private static void AppendTeam(StringBuilder prompt, AgentDefinition agent, IReadOnlyList<AgentDefinition>? team)
    {
        prompt.AppendLine("## The team");
        if (team is { Count: > 0 })
        {
            foreach (var member in team)
            {
                var you = member.Id == agent.Id ? " (you)" : string.Empty;
                prompt.AppendLine(CultureInfo.InvariantCulture, $"- {member.Name} — {member.Persona.Role}{you}");
            }
        }
        else
        {
            foreach (var (name, role, duty) in DefaultTeam)
            {
                var you = string.Equals(name, agent.Name, StringComparison.OrdinalIgnoreCase) ? " (you)" : string.Empty;
                prompt.AppendLine(CultureInfo.InvariantCulture, $"- {name} — {role}{you}: {duty}");
            }
        }

        prompt.AppendLine()
            .AppendLine("The work runs as a durable loop: Aria plans, Code implements, Alpha writes tests, Beta runs them for real, and Prime")
            .AppendLine("decides the next step until every acceptance criterion is covered by a passing test. Agents never talk directly;")
            .AppendLine("they hand over through scratchpads, and every step ends with a git commit in the project workspace.")
            .AppendLine();
    }

    private static void AppendProfile(StringBuilder prompt, AgentPersona persona)
    {
        prompt.AppendLine(CultureInfo.InvariantCulture, $"## Your role: {persona.Role}");
        AppendList(prompt, "Core traits", persona.CoreTraits);
        AppendText(prompt, "Communication style", persona.CommunicationStyle);
        AppendText(prompt, "Decision making", persona.DecisionMaking);
        AppendList(prompt, "Strengths", persona.Strengths);
        AppendList(prompt, "Expertise", persona.ExpertiseDomains);
        prompt.AppendLine();
    }

    private static void AppendHandoffs(StringBuilder prompt, AgentPersona persona)
    {
        if (persona.ReadsScratchpads.Count == 0 && persona.WritesScratchpads.Count == 0)
        {
            return;
        }

        prompt.AppendLine("## Handoffs");
        if (persona.ReadsScratchpads.Count > 0)
        {
            prompt.AppendLine("Before you act, you are given these scratchpads:");
            foreach (var name in persona.ReadsScratchpads)
            {
                prompt.AppendLine(Describe(name));
            }
        }

        if (persona.WritesScratchpads.Count > 0)
        {
            prompt.AppendLine("Your final message is recorded as:");
            foreach (var name in persona.WritesScratchpads)
            {
                prompt.AppendLine(Describe(name));
            }

            prompt.AppendLine("Write it for its reader: the next agent sees only the scratchpads and the workspace, never your conversation.");
        }

        prompt.AppendLine();
    }

    private static void AppendHouseRules(StringBuilder prompt) => prompt
        .AppendLine("## House rules")
        .AppendLine("- Work only inside the project workspace (your current directory). Use paths relative to it; never read or write")
        .AppendLine("  outside it, never follow links out of it, and never touch `.git` — commits are made for you after your turn.")
        .AppendLine("- Never print, log, commit or repeat secrets (API keys, tokens, passwords, connection strings, private keys).")
        .AppendLine("  Refer to a secret by the name of its variable, such as OPENAI_API_KEY, never by its value.")
        .AppendLine("- Do not install software globally or reach the network unless the task requires it.")
        .AppendLine("- Report facts you checked; say plainly what you did not do or could not verify.");

    private static string Describe(string scratchpad) =>
        ScratchpadDescriptions.TryGetValue(scratchpad, out var description) ? $"- {scratchpad}: {description}" : $"- {scratchpad}";

    private static void AppendList(StringBuilder prompt, string label, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        prompt.AppendLine(CultureInfo.InvariantCulture, $"{label}:");
        foreach (var item in items)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"- {item}");
        }
    }

    private static void AppendText(StringBuilder prompt, string label, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"{label}: {text.Trim()}");
        }
    }
}
