using System.Text.RegularExpressions;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Workspaces;

/// <summary>Which workspace files an agent may write, from its configured tools, so every backend agrees with what the
/// <c>claude</c> CLI enforces: a chat model's or a replayed turn's edits are held to the same rules.</summary>
/// <remarks>
/// <para>An unrestricted write tool (<c>Write</c>, <c>Edit</c>, <c>MultiEdit</c>, <c>NotebookEdit</c>) or the
/// <c>bypassPermissions</c> mode allows every path. Otherwise only the paths of path-scoped rules
/// (<c>Edit(/PLAN.md)</c>, <c>Write(docs/*.md)</c>) are writable, read as Claude Code reads them: gitignore-style, a
/// leading <c>/</c> anchors the pattern at the workspace root, a pattern without <c>/</c> matches that name in any folder,
/// <c>*</c> stays within one folder and <c>**</c> crosses folders. No write tool at all: nothing is writable.</para>
/// </remarks>
public sealed class AgentWritePolicy
{
    private static readonly string[] WriteTools = ["Write", "Edit", "MultiEdit", "NotebookEdit"];

    private static readonly Regex NothingMatches = new("(?!)", RegexOptions.CultureInvariant);

    private readonly IReadOnlyList<(string Rule, Regex Pattern)>? _rules;

    private AgentWritePolicy(string agentName, IReadOnlyList<(string Rule, Regex Pattern)>? rules)
    {
        AgentName = agentName;
        _rules = rules;
    }

    /// <summary>Every path may be written (as for an agent without a definition).</summary>
    public static AgentWritePolicy Unrestricted { get; } = new("the agent", null);

    /// <summary>The name the refusals use.</summary>
    public string AgentName { get; }

    /// <summary>Whether every path may be written.</summary>
    public bool AllowsEverything => _rules is null;

    /// <summary>The policy of <paramref name="agent"/>'s configured tools and permission mode.</summary>
    public static AgentWritePolicy For(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (string.Equals(agent.PermissionMode, "bypassPermissions", StringComparison.Ordinal)
            || agent.AllowedTools.Any(tool => WriteTools.Contains(tool.Trim(), StringComparer.Ordinal)))
        {
            return new AgentWritePolicy(agent.Name, null);
        }

        var rules = new List<(string, Regex)>();
        foreach (var tool in agent.AllowedTools.Select(t => t.Trim()))
        {
            var open = tool.IndexOf('(', StringComparison.Ordinal);
            if (open > 0 && tool.EndsWith(')') && WriteTools.Contains(tool[..open], StringComparer.Ordinal))
            {
                // "//abs/path" and "~/path" name files outside the workspace: no workspace edit matches them.
                var pattern = tool[(open + 1)..^1].Trim();
                if (pattern.Length == 0 || pattern.StartsWith("//", StringComparison.Ordinal) || pattern.StartsWith('~'))
                {
                    rules.Add((tool, NothingMatches));
                    continue;
                }

                rules.Add((tool, Compile(pattern)));
            }
        }

        return new AgentWritePolicy(agent.Name, rules);
    }

    /// <summary>Why <paramref name="relativePath"/> (workspace-relative, with <c>/</c>) may not be written, or
    /// <see langword="null"/> when it may.</summary>
    public string? Refusal(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (_rules is null || _rules.Any(rule => rule.Pattern.IsMatch(relativePath)))
        {
            return null;
        }

        return _rules.Count == 0
            ? $"{AgentName} may not write files (no write tool in its allowed_tools)"
            : $"{AgentName} may only write what its allowed_tools allow: {string.Join(", ", _rules.Select(r => r.Rule))}";
    }

    private static Regex Compile(string pattern)
    {
        var anchored = pattern.StartsWith('/') || pattern.TrimEnd('/').Contains('/', StringComparison.Ordinal);
        var folder = pattern.EndsWith('/');
        var body = pattern.Trim('/');
        if (body.StartsWith("./", StringComparison.Ordinal))
        {
            body = body[2..];
        }

        var regex = new System.Text.StringBuilder(anchored ? "^" : "^(?:.*/)?");
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
                if (i + 1 < body.Length && body[i + 1] == '/')
                {
                    i++;
                    regex.Append("/?");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        // A folder pattern ("docs/") covers what is inside it.
        regex.Append(folder ? "/.*$" : "(?:/.*)?$");
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
