namespace Nexus.Workflows.Model;

/// <summary>One step of the timeline: which agent worked in which phase and iteration, from when to when.</summary>
public sealed record PhaseSpan(string Phase, int Iteration, string Agent, DateTime Started, DateTime Finished, string Outcome);
