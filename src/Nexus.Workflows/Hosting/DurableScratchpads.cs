using Nexus.Agents.Scratchpads;
using Microsoft.DurableTask.Client;
using Nexus.Workflows.Entities;

namespace Nexus.Workflows.Hosting;

/// <summary>Reads a project's scratchpads from the durable store (the ScratchpadsEntity) through any <see cref="DurableTaskClient"/>: the workflow's steps and the hosts' APIs.</summary>
public static class DurableScratchpads
{
    public static async Task<IReadOnlyList<Scratchpad>> ReadAsync(DurableTaskClient client, string projectId, CancellationToken cancellationToken)
    {
        var state = await client.Entities.GetEntityAsync<ScratchpadsState>(ScratchpadsEntity.IdFor(projectId), includeState: true, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return [];
        }

        return [.. state.State.Pads
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new Scratchpad(projectId, p.Key, p.Value, ScratchpadMarkdown.Render(p.Key, p.Value)))];
    }
}
