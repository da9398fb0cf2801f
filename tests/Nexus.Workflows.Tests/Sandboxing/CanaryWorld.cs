using System.Collections.Concurrent;
using Nexus.Workflows.Tests.Recovery;

namespace Nexus.Workflows.Tests.Sandboxing;

/// <summary>
/// The secrets of a machine that runs <c>nexus serve</c>, each a canary (a distinct random string): variables in the
/// server's environment, files in the home of the user who runs it (an SSH key, a toolchain's credentials next to a
/// toolchain on <c>PATH</c>, Claude Code's user memory), a <c>.env</c> in the server's working directory, a
/// <c>CLAUDE.md</c> above the data directory, another project's workspace, and the API key <c>nexus serve</c> generates
/// into the data directory (<see cref="AddApiKey"/>, once it exists).
/// </summary>
internal sealed class CanaryWorld
{
    /// <summary>The variables put into the server's environment, each holding a canary.</summary>
    public static readonly string[] EnvironmentCanaries =
        ["OPENAI_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "PGPASSWORD", "MY_SERVICE_PASSWORD", "DEPLOY_NOTE"];

    /// <summary>The id of the project whose workspace holds a canary.</summary>
    public const string OtherProjectId = "other";

    private readonly ConcurrentDictionary<string, string> _canaries = new(StringComparer.Ordinal);

    private CanaryWorld(CrashSandbox sandbox)
    {
        Root = sandbox.Root;
        DataDirectory = sandbox.DataDirectory;
        WorkingDirectory = sandbox.WorkingDirectory;
        Home = Path.Combine(Root, "user-home");
    }

    public string Root { get; }

    public string DataDirectory { get; }

    /// <summary>Where <c>nexus serve</c> runs.</summary>
    public string WorkingDirectory { get; }

    /// <summary>The <c>HOME</c> of <c>nexus serve</c>.</summary>
    public string Home { get; }

    public string SshKeyPath => Path.Combine(Home, ".ssh", "id_rsa");

    /// <summary>A toolchain under the home (its <c>bin</c> is on the server's <c>PATH</c>) with a credentials file in it.</summary>
    public string CargoCredentialsPath => Path.Combine(Home, ".cargo", "credentials.toml");

    public string CargoBin => Path.Combine(Home, ".cargo", "bin");

    /// <summary>Claude Code's memory file of the user who runs the server.</summary>
    public string UserClaudeMemoryPath => Path.Combine(Home, ".claude", "CLAUDE.md");

    /// <summary>A <c>CLAUDE.md</c> in a folder above the data directory (Claude Code reads those of every parent folder).</summary>
    public string ParentClaudeMemoryPath => Path.Combine(Root, "CLAUDE.md");

    public string DotEnvPath => Path.Combine(WorkingDirectory, ".env");

    public string OtherProjectSecretPath => Path.Combine(DataDirectory, "projects", OtherProjectId, "workspace", "secret.txt");

    /// <summary>The key file <c>nexus serve</c> generates (see <c>ApiKeyStore</c>).</summary>
    public string ApiKeyPath => Path.Combine(DataDirectory, "api-key");

    /// <summary>Every canary by what it stands for.</summary>
    public IReadOnlyDictionary<string, string> Canaries => _canaries;

    /// <summary>Writes the canary files and makes up the environment canaries.</summary>
    public static CanaryWorld Create(CrashSandbox sandbox)
    {
        var world = new CanaryWorld(sandbox);
        foreach (var name in EnvironmentCanaries)
        {
            world.NewCanary($"${name}");
        }

        Directory.CreateDirectory(world.CargoBin);
        world.WriteCanaryFile(
            world.SshKeyPath, "~/.ssh/id_rsa", canary => $"-----BEGIN OPENSSH PRIVATE KEY-----\n{canary}\n-----END OPENSSH PRIVATE KEY-----\n");
        world.WriteCanaryFile(world.CargoCredentialsPath, "~/.cargo/credentials.toml", canary => $"[registry]\ntoken = \"{canary}\"\n");
        world.WriteCanaryFile(world.UserClaudeMemoryPath, "~/.claude/CLAUDE.md", canary => $"# My notes\n\nMy deploy passphrase is {canary}.\n");
        world.WriteCanaryFile(world.ParentClaudeMemoryPath, "CLAUDE.md above the data directory", canary => $"# Notes\n\nInternal host token: {canary}\n");
        world.WriteCanaryFile(world.DotEnvPath, ".env of the server", canary => $"DATABASE_URL=postgres://app:{canary}@db/app\n");
        world.WriteCanaryFile(world.OtherProjectSecretPath, "another project's workspace", canary => $"customer secret {canary}\n");
        return world;
    }

    /// <summary>The canary in the server's variable <paramref name="name"/> (one of <see cref="EnvironmentCanaries"/>).</summary>
    public string EnvironmentCanary(string name) => _canaries[$"${name}"];

    /// <summary>The variables to add to the server's environment: the canaries, <c>HOME</c>, and the toolchain on <c>PATH</c>.</summary>
    public IReadOnlyDictionary<string, string?> ServerEnvironment(string path)
    {
        var environment = EnvironmentCanaries.ToDictionary(name => name, name => (string?)EnvironmentCanary(name), StringComparer.Ordinal);
        environment["HOME"] = Home;
        environment["PATH"] = $"{CargoBin}:{path}";
        return environment;
    }

    /// <summary>Adds the key <c>nexus serve</c> generated (a secret of the machine as well) and returns it.</summary>
    public string AddApiKey()
    {
        var key = File.ReadAllText(ApiKeyPath).Trim();
        _canaries["the server's API key file"] = key;
        return key;
    }

    /// <summary>Writes a canary key file where <c>nexus serve</c> keeps its key, for an entrance that generates none
    /// (a server once ran on the same data directory).</summary>
    public void WriteApiKeyFile() => WriteCanaryFile(ApiKeyPath, "the server's API key file", canary => $"{canary}\n");

    private string NewCanary(string what)
    {
        // Letters, digits and dashes only: JSON, shells and URLs carry them unescaped, so a plain search finds any copy.
        var slug = new string([.. what.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var canary = $"canary-{slug}-{Guid.NewGuid():N}";
        _canaries[what] = canary;
        return canary;
    }

    private void WriteCanaryFile(string path, string what, Func<string, string> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content(NewCanary(what)));
    }
}
