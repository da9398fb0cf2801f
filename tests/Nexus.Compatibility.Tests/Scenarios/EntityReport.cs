namespace Nexus.Compatibility.Tests.Scenarios;

/// <summary>What <see cref="EntityCounterOrchestrator"/> saw: the counter's total and the failed operation's details.</summary>
public sealed record EntityReport(int Total, string? FailureType, string? FailureMessage);
