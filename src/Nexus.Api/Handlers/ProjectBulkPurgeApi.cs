using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Nexus.Agents.Scratchpads;
using Nexus.Api.Contracts;
using Nexus.Api.Errors;
using Nexus.Durable.Client;
using Nexus.Workflows.Orchestration;
using OrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;
using OrchestrationRuntimeStatus = Nexus.Durable.OrchestrationRuntimeStatus;

namespace Nexus.Api.Handlers;

/// <summary>Purges many finished projects at once: the ones selected, or those a filter matches (the dashboard's bulk purge,
/// the Durable Functions Monitor's "purge history").</summary>
/// <remarks>Each project goes through <see cref="Nexus.Hosting.ProjectClient.PurgeAsync"/>, as a single purge does (its
/// history and its agent home), and only projects are touched: other orchestrations (agent conversations) and entities never
/// match. A filter purge first collects the matching ids, then purges them, so paging is not disturbed by the deletes.</remarks>
internal static class ProjectBulkPurgeApi
{
    /// <summary>What a caller is told when the body is not such an object.</summary>
    public const string Expected = "The body must be a JSON object: {\"ids\": [...]} or a filter.";

    private const int MaxIds = 1000;
    private const int MaxDays = 36_500;

    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <summary><c>POST projects/purge</c>: <c>{ids: [...]}</c> or a filter <c>{runtimeStatus, createdTimeFrom, createdTimeTo,
    /// instanceIdPrefix, search, olderThanDays}</c>; running projects are never purged.</summary>
    public static async Task<IResult> PurgeAsync(HttpContext http, ApiContext api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(api);
        var (body, invalid) = await JsonBody.ReadAsync<BulkPurgeBody>(http.Request, Expected, cancellationToken).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body!.Ids is { } ids)
        {
            return HasFilter(body)
                ? ProblemDetailsDefaults.BadRequest("Give either ids or a filter, not both.")
                : await PurgeIdsAsync(ids, api, cancellationToken).ConfigureAwait(false);
        }

        if (!HasFilter(body))
        {
            return ProblemDetailsDefaults.BadRequest("Give the ids to purge or at least one filter (runtimeStatus, createdTimeFrom, createdTimeTo, instanceIdPrefix, search, olderThanDays).");
        }

        var (statuses, problem) = ParseStatuses(body.RuntimeStatus);
        if (problem is not null)
        {
            return problem;
        }

        if (body.OlderThanDays is { } days && days is < 1 or > MaxDays)
        {
            return ProblemDetailsDefaults.BadRequest($"olderThanDays: must be a whole number from 1 to {MaxDays:N0}.");
        }

        if (ProjectSearch.Describe(body.Search, null) is { } badSearch)
        {
            return ProblemDetailsDefaults.BadRequest(badSearch);
        }

        var createdTo = body.CreatedTimeTo;
        if (body.OlderThanDays is { } older)
        {
            var cutoff = api.Time.GetUtcNow().AddDays(-older);
            createdTo = createdTo is { } given && given < cutoff ? given : cutoff;
        }

        var query = new OrchestrationQuery
        {
            Statuses = [.. statuses.Select(RuntimeStatusMap.ToSdk)],
            CreatedFrom = body.CreatedTimeFrom,
            CreatedTo = createdTo,
            InstanceIdPrefix = body.InstanceIdPrefix,
            FetchInputsAndOutputs = !string.IsNullOrWhiteSpace(body.Search),
            PageSize = 500,
        };
        var matching = new List<string>();
        await foreach (var instance in api.Projects.Durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (IsProject(instance) && ProjectSearch.Matches(instance, body.Search))
            {
                matching.Add(instance.InstanceId);
            }
        }

        var purged = new List<string>();
        foreach (var id in matching)
        {
            if (await api.Projects.PurgeAsync(id, cancellationToken).ConfigureAwait(false) > 0)
            {
                purged.Add(id);
            }
        }

        return TypedResults.Ok(new BulkPurgeResponse(purged.Count, purged, []));
    }

    private static async Task<IResult> PurgeIdsAsync(IReadOnlyList<string> ids, ApiContext api, CancellationToken cancellationToken)
    {
        if (ids.Count is 0 or > MaxIds)
        {
            return ProblemDetailsDefaults.BadRequest($"ids: give 1 to {MaxIds:N0} project ids.");
        }

        if (ids.FirstOrDefault(id => !ProjectIds.IsValid(id)) is { } bad)
        {
            return ProblemDetailsDefaults.BadRequest($"ids: '{QueryValues.Printable(bad ?? string.Empty)}' is not a project id (1–64 ASCII letters, digits, '_' or '-').");
        }

        var purged = new List<string>();
        var skipped = new List<BulkPurgeSkip>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var instance = await api.Projects.Durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (instance is null || !IsProject(instance))
            {
                skipped.Add(new BulkPurgeSkip(id, "no such project"));
            }
            else if (!instance.IsCompleted)
            {
                skipped.Add(new BulkPurgeSkip(id, $"{instance.RuntimeStatus}: only a finished project can be purged"));
            }
            else if (await api.Projects.PurgeAsync(id, cancellationToken).ConfigureAwait(false) > 0)
            {
                purged.Add(id);
            }
            else
            {
                skipped.Add(new BulkPurgeSkip(id, "it changed while it was being purged"));
            }
        }

        return TypedResults.Ok(new BulkPurgeResponse(purged.Count, purged, skipped));
    }

    private static (OrchestrationRuntimeStatus[] Statuses, IResult? Problem) ParseStatuses(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return (Finished, null);
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var name in names)
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(name, ignoreCase: true, out var status) || int.TryParse(name, out _) || !Finished.Contains(status))
            {
                return ([], ProblemDetailsDefaults.BadRequest($"runtimeStatus: '{QueryValues.Printable(name ?? string.Empty)}' cannot be purged; only finished projects can: Completed, Failed, Terminated."));
            }

            statuses.Add(status);
        }

        return ([.. statuses.Distinct()], null);
    }

    private static bool HasFilter(BulkPurgeBody body) =>
        body.RuntimeStatus is { Count: > 0 } || body.CreatedTimeFrom is not null || body.CreatedTimeTo is not null
        || !string.IsNullOrEmpty(body.InstanceIdPrefix) || !string.IsNullOrWhiteSpace(body.Search) || body.OlderThanDays is not null;

    private static bool IsProject(OrchestrationMetadata instance) =>
        string.Equals(instance.Name, ProjectOrchestration.Name, StringComparison.OrdinalIgnoreCase);
}
