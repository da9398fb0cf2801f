using System.Data.Common;
using Nexus.Agents.Abstractions;
using Nexus.Workflows.Live;
using Nexus.Workflows.Memory;

namespace Nexus.Workflows.Activities;

/// <summary>The memory across projects in Aria's and Prime's steps: the lessons of earlier projects most relevant to this
/// project's description, fetched here (inside the step, so what the prompt got is recorded with its result as
/// <see cref="AgentStepResult.Recalled"/>), never in orchestration code.</summary>
public sealed partial class RunAgentStepActivity
{
    private async Task<RecalledLessons> RecallAsync(AgentStepInput input, AgentDefinition agent, CancellationToken ct)
    {
        if (input.Request.Memory != true || services.Memory is not { } memory || input.AgentId is not ("aria" or "prime"))
        {
            return RecalledLessons.None;
        }

        try
        {
            var hits = await memory.SearchAsync(input.Request.Description, RecalledLessons.MaxEntries, input.ProjectId, ct).ConfigureAwait(false);
            return RecalledLessons.From(hits);
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException or TimeoutException)
        {
            // The memory helps; it is never a reason for a step to fail.
            Publish(input, agent, LiveActivityKind.Message, $"memory: the memory across projects could not be searched ({e.GetType().Name}): this step goes on without earlier lessons");
            return RecalledLessons.None;
        }
    }
}
