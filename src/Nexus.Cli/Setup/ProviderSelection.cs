namespace Nexus.Cli.Setup;

/// <summary>The provider a run uses (<see langword="null"/>: each agent's configured backend) and why.</summary>
internal sealed record ProviderSelection(string? Provider, string Reason);
