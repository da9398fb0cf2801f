using System.Globalization;
using System.Runtime.InteropServices;
using Nexus.Agents.Processes;
using Nexus.Agents.Sandboxing;
using Nexus.Durable;
using Nexus.Durable.Sqlite;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Cli.Setup;

/// <summary>The checks of <c>nexus doctor</c>: tools, the claude CLI, provider configuration (presence only — values are
/// never read out), the sandbox, the replay scenarios, the SQLite library and the store.</summary>
internal sealed class Doctor(NexusOptions options, Func<string, string?> environment, ClaudeLocator claude, IProcessRunner processes, bool configFromFlag = false)
{
    private static readonly TimeSpan _versionTimeout = TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<DoctorCheck>
        {
            new(DoctorOutcome.Ok, ".NET", $"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}"),
            await ToolAsync("git", "git", DoctorOutcome.Failed, "needed for project workspaces", cancellationToken),
            await ToolAsync("node", "node", DoctorOutcome.Warning, "needed by the claude CLI", cancellationToken),
            await ClaudeAsync(cancellationToken),
            Sandbox(),
        };
        var (configCheck, configuration) = Configuration();
        checks.Add(configCheck);
        checks.AddRange(Providers.CredentialVariables.Select(variable =>
            string.IsNullOrWhiteSpace(environment(variable))
                ? new DoctorCheck(DoctorOutcome.Info, variable, "not set")
                : new DoctorCheck(DoctorOutcome.Ok, variable, "set")));
        checks.Add(DefaultProvider(configuration));
        checks.Add(Scenarios());
        checks.Add(new DoctorCheck(DoctorOutcome.Ok, "sqlite", SqliteDurableStore.LibraryVersion));
        checks.Add(await StoreAsync(cancellationToken));
        return checks;
    }

    private async Task<DoctorCheck> ToolAsync(string name, string program, DoctorOutcome whenMissing, string why, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(program, cancellationToken);
        return version.Ok ? new DoctorCheck(DoctorOutcome.Ok, name, version.Text) : new DoctorCheck(whenMissing, name, $"{version.Text} ({why})");
    }

    private async Task<DoctorCheck> ClaudeAsync(CancellationToken cancellationToken)
    {
        var location = claude.Locate();
        if (location.Path is not { } path)
        {
            return new DoctorCheck(DoctorOutcome.Warning, "claude", $"{location.Source}; install it for the default provider (npm install -g @anthropic-ai/claude-code)");
        }

        var version = await VersionAsync(path, cancellationToken);
        return new DoctorCheck(version.Ok ? DoctorOutcome.Ok : DoctorOutcome.Warning, "claude", $"{version.Text} at {path} ({location.Source})");
    }

    private DoctorCheck Sandbox()
    {
        var status = NexusRuntime.CreateSandbox(options).Status;
        return status switch
        {
            { Unsandboxed: true } => new DoctorCheck(DoctorOutcome.Warning, "sandbox", $"OFF (--unsandboxed / {NexusOptions.UnsandboxedVariable}): agents and test runs can read every file this user can{(status.Available ? $"; {status.Description} would work here" : string.Empty)}"),
            { Available: true } => new DoctorCheck(DoctorOutcome.Ok, "sandbox", $"{status.Description}: agents and test runs see only their project's workspace and home, the toolchains and the network"),
            _ => new DoctorCheck(DoctorOutcome.Failed, "sandbox", $"{status.Description}; agents are refused: {SandboxProvider.OptOutHint}"),
        };
    }

    private (DoctorCheck Check, AgentConfiguration? Configuration) Configuration()
    {
        try
        {
            var configuration = AgentConfiguration.Load(options, configFromFlag);
            return (new DoctorCheck(DoctorOutcome.Ok, "config", $"{configuration.Describe()}; see 'nexus config'"), configuration);
        }
        catch (Exception e) when (e is UsageException or Nexus.Agents.Roles.AgentConfigurationException)
        {
            return (new DoctorCheck(DoctorOutcome.Failed, "config", CommandAction.OneLine(e.Message)), null);
        }
    }

    private DoctorCheck DefaultProvider(AgentConfiguration? configuration)
    {
        try
        {
            var selection = new ProviderResolver(environment, claude).Resolve(null, configuration?.Backends);
            var uses = selection.Provider is null ? selection.Reason : $"{selection.Provider} ({selection.Reason})";
            return new DoctorCheck(DoctorOutcome.Ok, "provider", $"'nexus run' uses {uses}");
        }
        catch (ProviderNotConfiguredException e)
        {
            return new DoctorCheck(DoctorOutcome.Warning, "provider", $"{e.Message} Only 'nexus demo' (replay) works until one is configured.");
        }
    }

    private DoctorCheck Scenarios()
    {
        try
        {
            var catalog = ScenarioCatalog.Find(options);
            return new DoctorCheck(DoctorOutcome.Ok, "scenarios", $"{catalog.Directory} ({string.Join(", ", catalog.Names)})");
        }
        catch (InvalidOperationException e)
        {
            return new DoctorCheck(DoctorOutcome.Warning, "scenarios", $"{e.Message} ('nexus demo' needs them)");
        }
    }

    private async Task<DoctorCheck> StoreAsync(CancellationToken cancellationToken)
    {
        var database = CliRuntime.DatabasePath(options);
        if (!File.Exists(database))
        {
            return new DoctorCheck(DoctorOutcome.Ok, "store", $"no store yet at {database} (the first run creates it)");
        }

        try
        {
            await using var runtime = await NexusRuntime.StartAsync(options, cancellationToken);
            var projects = await runtime.Projects.ListAsync(cancellationToken: cancellationToken);
            var byStatus = projects.GroupBy(p => p.RuntimeStatus).OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            var counts = projects.Count switch
            {
                0 => "no projects",
                1 => $"1 project ({string.Join(", ", byStatus)})",
                _ => string.Create(CultureInfo.InvariantCulture, $"{projects.Count} projects ({string.Join(", ", byStatus)})"),
            };
            var poison = await runtime.Store.GetPoisonAsync(cancellationToken);
            var parked = poison.Count == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", {poison.Count} parked as poison");
            var active = projects.Count(p => p.RuntimeStatus.IsActive());
            return new DoctorCheck(DoctorOutcome.Ok, "store", $"{database}: opened, schema ok, {counts}{parked}" + (active > 0 ? $"; resume active ones with 'nexus resume ID'" : string.Empty));
        }
#pragma warning disable CA1031 // Any failure to open the store is the finding.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new DoctorCheck(DoctorOutcome.Failed, "store", $"{database}: {CommandAction.OneLine(e.Message)}");
        }
    }

    private async Task<(bool Ok, string Text)> VersionAsync(string program, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await processes.RunAsync(
                new ProcessSpec { FileName = program, Arguments = ["--version"], WorkingDirectory = Directory.GetCurrentDirectory(), Timeout = _versionTimeout },
                cancellationToken);
            var text = (outcome.Stdout.Length > 0 ? outcome.Stdout : outcome.Stderr).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            return outcome switch
            {
                { TimedOut: true } => (false, $"'{program} --version' did not answer within {_versionTimeout.TotalSeconds:0} s"),
                { ExitCode: 0 } => (true, text),
                _ => (false, $"'{program} --version' exited with {outcome.ExitCode}: {text}"),
            };
        }
        catch (FileNotFoundException)
        {
            return (false, "not found");
        }
    }
}
