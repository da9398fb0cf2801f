namespace Nexus.Agents.Testing;

/// <summary>Which kind of test command ran, which decides how its output is read.</summary>
public enum TestFramework
{
    /// <summary>No test command was configured or detected.</summary>
    None,

    /// <summary><c>dotnet test</c> (VSTest or Microsoft.Testing.Platform output).</summary>
    Dotnet,

    /// <summary><c>npm test</c>; the output format is whatever the script runs, so every parser is tried.</summary>
    Npm,

    /// <summary><c>node --test</c> (TAP output).</summary>
    NodeTest,

    /// <summary><c>python3 -m pytest</c>.</summary>
    Pytest,

    /// <summary><c>python3 -m unittest</c> (used when pytest is not installed).</summary>
    Unittest,

    /// <summary><c>go test ./...</c>.</summary>
    Go,

    /// <summary><c>cargo test</c>.</summary>
    Cargo,

    /// <summary>A configured shell command; every parser is tried.</summary>
    Custom,
}
