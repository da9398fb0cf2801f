using System.Globalization;
using Nexus.Agents.Processes;

namespace Nexus.Agents.Workspaces;

/// <summary>Running the <c>git</c> CLI hermetically: no global or system config, no hooks, no signing, no prompts.</summary>
public sealed partial class GitWorkspace
{
    /// <summary>Settings forced on every command, whatever the repository or machine says.</summary>
    private static readonly string[] _forcedConfig =
    [
        "core.hooksPath=/dev/null",
        "commit.gpgSign=false",
        "tag.gpgSign=false",
        "core.autocrlf=false",
        "core.quotePath=false",
        "core.fsmonitor=false",
        "gc.auto=0",
        "maintenance.auto=false",
        "init.defaultBranch=main",
        "advice.detachedHead=false",
        "color.ui=false",
    ];

    private Task<ProcessOutcome> GitAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunGitAsync(_runner, Directory, arguments, _timeProvider, environment: null, outputLimitBytes: DefaultOutputLimitBytes, cancellationToken);

    private Task<ProcessOutcome> GitAsync(
        IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, int outputLimitBytes, CancellationToken cancellationToken) =>
        RunGitAsync(_runner, Directory, arguments, _timeProvider, environment, outputLimitBytes, cancellationToken);

    private static async Task<ProcessOutcome> RunGitAsync(
        IProcessRunner runner,
        string directory,
        IReadOnlyList<string> arguments,
        TimeProvider timeProvider,
        IReadOnlyDictionary<string, string?>? environment,
        int outputLimitBytes,
        CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_OPTIONAL_LOCKS"] = "0",
            ["LC_ALL"] = "C",
        };
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        variables["GIT_AUTHOR_DATE"] = variables["GIT_COMMITTER_DATE"] = $"@{now} +0000";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        var fullArguments = new List<string>(_forcedConfig.Length * 2 + arguments.Count);
        foreach (var setting in _forcedConfig)
        {
            fullArguments.Add("-c");
            fullArguments.Add(setting);
        }

        fullArguments.AddRange(arguments);
        var spec = new ProcessSpec
        {
            FileName = "git",
            Arguments = fullArguments,
            WorkingDirectory = directory,
            Environment = variables,
            InheritEnvironment = false,
            Timeout = CommandTimeout,
            OutputLimitBytes = outputLimitBytes,
        };
        var outcome = await runner.RunAsync(spec, cancellationToken);
        if (outcome.ExitCode != 0 || outcome.TimedOut)
        {
            var error = outcome.TimedOut ? $"timed out after {CommandTimeout}. {outcome.Stderr}" : outcome.Stderr;
            throw new GitCommandException("git " + string.Join(' ', arguments), outcome.ExitCode, error);
        }

        return outcome;
    }

    private static Dictionary<string, string?> Identity(string name, string email) => new(StringComparer.Ordinal)
    {
        ["GIT_AUTHOR_NAME"] = name,
        ["GIT_AUTHOR_EMAIL"] = email,
        ["GIT_COMMITTER_NAME"] = name,
        ["GIT_COMMITTER_EMAIL"] = email,
    };
}
