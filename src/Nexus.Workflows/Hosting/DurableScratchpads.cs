using Nexus.Agents.Scratchpads;
using Nexus.Durable.Client;
using Nexus.Workflows.Entities;

namespace Nexus.Workflows.Hosting;

/// <summary>Reads a project's scratchpads from the durable store (the ScratchpadsEntity).</summary>
internal static class DurableScratchpads
{
    public static async Task<IReadOnlyList<Scratchpad>> ReadAsync(DurableClient client, string projectId, CancellationToken cancellationToken)
    {
        var state = await client.GetEntityAsync<ScratchpadsState>(ScratchpadsEntity.IdFor(projectId), cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return [];
        }

        return [.. state.State.Pads
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new Scratchpad(projectId, p.Key, p.Value, ScratchpadMarkdown.Render(p.Key, p.Value)))];
    }
}
