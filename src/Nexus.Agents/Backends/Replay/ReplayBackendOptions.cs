namespace Nexus.Agents.Backends.Replay;

/// <summary>Settings of a <see cref="ReplayBackend"/>.</summary>
public sealed class ReplayBackendOptions
{
    /// <summary>The scenario folder: one subfolder per agent id holding <c>001.json</c>, <c>002.json</c>, … (a suffix such as <c>001-plan.json</c> is allowed).</summary>
    public required string ScenarioDirectory { get; init; }

    /// <summary>The scenario's name, shown in <c>Model = replay:&lt;name&gt;</c>. Default: the folder's name.</summary>
    public string? ScenarioName { get; init; }

    /// <summary>A delay before each turn completes, to make demos watchable (cancellable). Default none.</summary>
    public TimeSpan TurnDelay { get; init; } = TimeSpan.Zero;
}
