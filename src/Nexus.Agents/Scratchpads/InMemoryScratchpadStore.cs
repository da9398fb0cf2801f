using Nexus.Agents.Security;

namespace Nexus.Agents.Scratchpads;

/// <summary>An <see cref="IScratchpadStore"/> kept in memory, for tests and throw-away runs. Same contract as the file store.</summary>
public sealed class InMemoryScratchpadStore : IScratchpadStore
{
    private readonly Dictionary<(string ProjectId, string Pad), List<ScratchpadEntry>> _pads = [];
    private readonly Lock _lock = new();
    private readonly SecretRedactor _redactor;

    /// <summary>Creates an empty store; <paramref name="redactor"/> defaults to <see cref="SecretRedactor.FromEnvironment"/>.</summary>
    public InMemoryScratchpadStore(SecretRedactor? redactor = null) => _redactor = redactor ?? SecretRedactor.FromEnvironment();

    /// <inheritdoc />
    public ValueTask<ScratchpadEntry> WriteAsync(string projectId, string pad, ScratchpadEntry entry, CancellationToken cancellationToken = default)
    {
        ProjectIds.Validate(projectId);
        ScratchpadNames.Validate(pad);
        var stored = ScratchpadRules.Prepare(entry, _redactor);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _pads[(projectId, pad)] = ScratchpadRules.Upsert(_pads.GetValueOrDefault((projectId, pad)) ?? [], stored);
        }

        return ValueTask.FromResult(stored);
    }

    /// <inheritdoc />
    public ValueTask<Scratchpad?> ReadAsync(string projectId, string pad, CancellationToken cancellationToken = default)
    {
        ProjectIds.Validate(projectId);
        ScratchpadNames.Validate(pad);
        cancellationToken.ThrowIfCancellationRequested();
        List<ScratchpadEntry>? entries;
        lock (_lock)
        {
            entries = _pads.TryGetValue((projectId, pad), out var found) ? [.. found] : null;
        }

        return ValueTask.FromResult(entries is null ? null : new Scratchpad(projectId, pad, entries, ScratchpadMarkdown.Render(pad, entries)));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ProjectIds.Validate(projectId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<string> names = [.. _pads.Keys.Where(key => key.ProjectId == projectId).Select(key => key.Pad).Order(StringComparer.Ordinal)];
            return ValueTask.FromResult(names);
        }
    }
}
