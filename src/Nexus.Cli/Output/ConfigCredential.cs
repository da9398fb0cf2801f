namespace Nexus.Cli.Output;

/// <summary>A provider variable of <c>nexus config</c>: its name and whether it is set — never its value.</summary>
internal sealed record ConfigCredential(string Name, bool Set);
