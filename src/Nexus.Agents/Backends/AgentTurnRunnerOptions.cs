namespace Nexus.Agents.Backends;

/// <summary>Settings of the <see cref="AgentTurnRunner"/>. The retry count and turn time limit come from each agent's <see cref="Abstractions.AgentDefinition"/>.</summary>
public sealed class AgentTurnRunnerOptions
{
    /// <summary>The first retry's delay; each next one doubles it (exponential backoff). Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest delay between retries. Default 1 minute.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Randomise delays so that many workers do not retry in step. Default <see langword="true"/>.</summary>
    public bool UseJitter { get; init; } = true;
}
