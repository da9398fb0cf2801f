namespace Nexus.Agents.Testing;

/// <summary>One failing test (or build error) as the test output reported it.</summary>
/// <param name="Name">The test's name as the framework prints it (suites joined with <c> &gt; </c> for node).</param>
/// <param name="Message">The failure message (assertion text, exception message), redacted and capped.</param>
public sealed record TestFailure(string Name, string Message);
