using System.Diagnostics.CodeAnalysis;
using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends;

/// <summary>The backends available to the turn runner, by name (<c>claude</c>, <c>openai</c>, <c>azure-openai</c>, <c>anthropic</c>, <c>ollama</c>, <c>replay</c>, …).</summary>
/// <remarks>Names are compared case-insensitively. Immutable and thread-safe.</remarks>
public sealed class AgentBackendRegistry
{
    private readonly Dictionary<string, AgentBackend> _backends;

    /// <summary>Creates a registry of <paramref name="backends"/>.</summary>
    /// <exception cref="ArgumentException">Two backends have the same name.</exception>
    public AgentBackendRegistry(IEnumerable<AgentBackend> backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        _backends = new Dictionary<string, AgentBackend>(StringComparer.OrdinalIgnoreCase);
        foreach (var backend in backends)
        {
            ArgumentNullException.ThrowIfNull(backend, nameof(backends));
            if (!_backends.TryAdd(backend.Name, backend))
            {
                throw new ArgumentException($"Two backends are named '{backend.Name}'.", nameof(backends));
            }
        }
    }

    /// <summary>Creates a registry of <paramref name="backends"/>.</summary>
    public AgentBackendRegistry(params AgentBackend[] backends)
        : this((IEnumerable<AgentBackend>)backends)
    {
    }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _backends.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The backend named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">None is registered under that name; the message lists the registered ones.</exception>
    public AgentBackend Get(string name) =>
        TryGet(name, out var backend)
            ? backend
            : throw new KeyNotFoundException($"No agent backend named '{name}' is registered. Registered: {string.Join(", ", Names)}.");

    /// <summary>Looks a backend up by name.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out AgentBackend? backend)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _backends.TryGetValue(name, out backend);
    }
}
