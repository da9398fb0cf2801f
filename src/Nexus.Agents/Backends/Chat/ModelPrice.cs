namespace Nexus.Agents.Backends.Chat;

/// <summary>The list price of a model in US dollars per million tokens.</summary>
/// <param name="InputPerMillion">Dollars per million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">Dollars per million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);
