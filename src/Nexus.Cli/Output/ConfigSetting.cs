using System.Text.Json.Nodes;

namespace Nexus.Cli.Output;

/// <summary>One effective setting of an agent and where it came from.</summary>
/// <param name="Value">The value: text, a number, a list of text, or <see langword="null"/> (for <c>model</c>: the backend's default).</param>
/// <param name="Source"><c>built-in</c>, or <c>FILE:LINE</c> of the configuration file that set it.</param>
internal sealed record ConfigSetting(JsonNode? Value, string Source);
