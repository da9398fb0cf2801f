namespace Nexus.Cli.Setup;

/// <summary>One line of <c>nexus doctor</c>.</summary>
internal sealed record DoctorCheck(DoctorOutcome Outcome, string Name, string Detail);
