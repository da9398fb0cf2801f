using Nexus.Agents.Sandboxing;

namespace Nexus.Agents.Processes;

/// <summary>The environment a <see cref="ProcessSpec"/> gives its program: inherited plus overrides, or replaced.</summary>
internal sealed class ChildEnvironment
{
    /// <summary>What a child without <see cref="ProcessSpec.InheritEnvironment"/> keeps of this process's environment.</summary>
    private static readonly string[] _minimalVariables = [.. AgentEnvironment.BasicNames, "HOME", "TMPDIR"];

    private ChildEnvironment(IReadOnlyDictionary<string, string?> variables, IReadOnlySet<string>? only, string? path)
    {
        Variables = variables;
        Only = only;
        Path = path;
    }

    /// <summary>Variables to set (a <see langword="null"/> value removes one), on top of this process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; }

    /// <summary>When not <see langword="null"/>, the child gets these names and no others (the inherited rest is removed).</summary>
    public IReadOnlySet<string>? Only { get; }

    /// <summary>The child's <c>PATH</c>, where a bare program name is looked up.</summary>
    public string? Path { get; }

    public static ChildEnvironment For(ProcessSpec spec)
    {
        if (spec.InheritEnvironment)
        {
            var path = spec.Environment.TryGetValue("PATH", out var overridden) ? overridden : Environment.GetEnvironmentVariable("PATH");
            return new ChildEnvironment(spec.Environment, only: null, path);
        }

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in _minimalVariables)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                variables[name] = value;
            }
        }

        foreach (var (name, value) in spec.Environment)
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return new ChildEnvironment(variables, variables.Keys.ToHashSet(StringComparer.Ordinal), variables.GetValueOrDefault("PATH"));
    }

    /// <summary>Removes from a start info's environment (this process's, copied) every variable the child must not inherit.</summary>
    public void RemoveInherited(IDictionary<string, string?> environment)
    {
        if (Only is null)
        {
            return;
        }

        foreach (var name in environment.Keys.Where(name => !Only.Contains(name)).ToList())
        {
            environment.Remove(name);
        }
    }
}
