using System.Collections.Frozen;

namespace Nexus.Agents.Backends.Chat;

/// <summary>Per-model token prices used to turn usage into a cost estimate.</summary>
/// <remarks>
/// A model matches the longest entry that its name starts with (case-insensitive), so dated names such as
/// <c>gpt-4.1-mini-2025-04-14</c> or <c>claude-sonnet-4-5-20250929</c> find their family. Models with no entry
/// (local models served by Ollama or vLLM, Azure deployments with custom names) cost 0. The built-in figures are the
/// public list prices when this table was written; they are estimates, not invoices — pass your own table to override.
/// </remarks>
public sealed class ModelPriceTable
{
    private readonly FrozenDictionary<string, ModelPrice> _prices;
    private readonly string[] _keysLongestFirst;

    /// <summary>Creates a table from model-name prefixes and prices.</summary>
    public ModelPriceTable(IEnumerable<KeyValuePair<string, ModelPrice>> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _prices = prices.ToFrozenDictionary(p => p.Key.ToUpperInvariant(), p => p.Value);
        _keysLongestFirst = _prices.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal).ToArray();
    }

    /// <summary>An empty table: every model costs 0.</summary>
    public static ModelPriceTable Free { get; } = new([]);

    /// <summary>List prices of common OpenAI and Anthropic models.</summary>
    public static ModelPriceTable Default { get; } = new(new Dictionary<string, ModelPrice>
    {
        ["gpt-5"] = new(1.25m, 10m),
        ["gpt-5-mini"] = new(0.25m, 2m),
        ["gpt-5-nano"] = new(0.05m, 0.40m),
        ["gpt-4.1"] = new(2m, 8m),
        ["gpt-4.1-mini"] = new(0.40m, 1.60m),
        ["gpt-4.1-nano"] = new(0.10m, 0.40m),
        ["gpt-4o"] = new(2.50m, 10m),
        ["gpt-4o-mini"] = new(0.15m, 0.60m),
        ["o3"] = new(2m, 8m),
        ["o3-mini"] = new(1.10m, 4.40m),
        ["o4-mini"] = new(1.10m, 4.40m),
        ["claude-opus-4-5"] = new(5m, 25m),
        ["claude-opus-4-1"] = new(15m, 75m),
        ["claude-opus-4"] = new(15m, 75m),
        ["claude-sonnet-4-5"] = new(3m, 15m),
        ["claude-sonnet-4"] = new(3m, 15m),
        ["claude-3-7-sonnet"] = new(3m, 15m),
        ["claude-haiku-4-5"] = new(1m, 5m),
        ["claude-3-5-haiku"] = new(0.80m, 4m),
    });

    /// <summary>The price of <paramref name="model"/>, or <see langword="null"/> when it has no entry.</summary>
    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var key = model.ToUpperInvariant();
        foreach (var prefix in _keysLongestFirst)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return _prices[prefix];
            }
        }

        return null;
    }

    /// <summary>The estimated cost in US dollars of <paramref name="inputTokens"/> and <paramref name="outputTokens"/> on <paramref name="model"/>; 0 when unknown.</summary>
    public decimal Cost(string? model, long inputTokens, long outputTokens) =>
        Find(model) is { } price ? ((inputTokens * price.InputPerMillion) + (outputTokens * price.OutputPerMillion)) / 1_000_000m : 0m;
}
