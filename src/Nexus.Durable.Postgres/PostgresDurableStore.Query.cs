using System.Globalization;
using System.Text;
using Dapper;
using Nexus.Durable.Storage;
using Npgsql;
using P = Nexus.Durable.Postgres.PostgresParameters;

namespace Nexus.Durable.Postgres;

public sealed partial class PostgresDurableStore
{
    /// <summary>Instances deleted per statement by a filtered purge (each batch is its own transaction).</summary>
    private const int PurgeBatchSize = 500;

    private static readonly int[] TerminalStatuses =
    [
        (int)OrchestrationRuntimeStatus.Completed, (int)OrchestrationRuntimeStatus.Failed,
        (int)OrchestrationRuntimeStatus.Terminated, (int)OrchestrationRuntimeStatus.Canceled,
    ];

    /// <summary>The column of an order (its values are <see cref="ContinuationToken.Key"/>'s: ticks or the status number),
    /// or <see langword="null"/> when the id alone orders.</summary>
    private static string? OrderColumn(InstanceOrder order) => order switch
    {
        InstanceOrder.CreatedTime => "i.created_at",
        InstanceOrder.LastUpdatedTime => "i.updated_at",
        InstanceOrder.RuntimeStatus => "i.status",
        InstanceOrder.InstanceId => null,
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "Not an instance order."),
    };

    /// <inheritdoc/>
    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var after = ContinuationToken.Parse(query.ContinuationToken);
        var sql = new StringBuilder(_sql.QueryPrefix);
        var parameters = new List<NpgsqlParameter>();
        string Next(NpgsqlParameter parameter)
        {
            parameters.Add(parameter);
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        if (!query.IncludeEntities)
        {
            sql.Append(" AND i.kind = 0");
        }

        if (query.RuntimeStatus.Count > 0)
        {
            sql.Append(" AND i.status = ANY(").Append(Next(P.Ints([.. query.RuntimeStatus.Select(s => (int)s)]))).Append(')');
        }

        if (query.CreatedFrom is { } from)
        {
            sql.Append(" AND i.created_at >= ").Append(Next(P.Long(from.UtcTicks)));
        }

        if (query.CreatedTo is { } to)
        {
            sql.Append(" AND i.created_at < ").Append(Next(P.Long(to.UtcTicks)));
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            var prefix = Next(P.Text(query.InstanceIdPrefix));
            sql.Append(" AND i.instance_id >= ").Append(prefix).Append(" AND starts_with(i.instance_id, ").Append(prefix).Append(')');
        }

        var column = OrderColumn(query.OrderBy);
        var direction = query.Descending ? " < " : " > ";
        var descending = query.Descending ? " DESC" : string.Empty;
        if (after is { } position)
        {
            var id = Next(P.Text(position.InstanceId));
            sql.Append(column is null
                ? $" AND i.instance_id{direction}{id}"
                : $" AND ({column}, i.instance_id){direction}({Next(P.Long(position.Key))}, {id})");
        }

        sql.Append(column is null ? $" ORDER BY i.instance_id{descending} LIMIT " : $" ORDER BY {column}{descending}, i.instance_id{descending} LIMIT ")
            .Append(Next(P.Int(pageSize + 1)));
        return ReadAsync(
            sql.ToString(),
            [.. parameters],
            async reader =>
            {
                var instances = new List<InstanceRecord>(Math.Min(pageSize, 128));
                var more = false;
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (instances.Count == pageSize)
                    {
                        more = true;
                        break;
                    }

                    instances.Add(PostgresRows.Instance(reader));
                }

                return new InstancePage(instances, more ? ContinuationToken.Create(instances[^1], query.OrderBy) : null);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var purged = await ReadAsync(
            _sql.DeleteTerminal,
            [P.Text(instanceId)],
            async reader => await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : 0,
            cancellationToken);
        if (purged > 0)
        {
            Committed(0, [instanceId]);
        }

        return purged;
    }

    /// <inheritdoc/>
    /// <remarks>Deletes in batches of a few hundred instances, each its own transaction, so a large purge never holds
    /// locks for long; instances that finish meanwhile may be included.</remarks>
    public async ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.RuntimeStatus.Count == 0
            ? TerminalStatuses
            : [.. filter.RuntimeStatus.Where(s => s.IsTerminal()).Select(s => (int)s).Distinct()];
        if (statuses.Length == 0)
        {
            return 0;
        }

        var total = 0;
        while (true)
        {
            var ids = await ReadAsync(
                _sql.PurgeBatch,
                [P.Ints(statuses), P.Long(filter.CreatedFrom?.UtcTicks ?? long.MinValue), P.Long(filter.CreatedTo?.UtcTicks ?? long.MaxValue), P.Int(PurgeBatchSize)],
                async reader =>
                {
                    var deleted = new List<string>();
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        deleted.Add(reader.GetString(0));
                    }

                    return deleted;
                },
                cancellationToken);
            total += ids.Count;
            if (ids.Count > 0)
            {
                Committed(0, ids, allInstances: ids.Count > 100);
            }

            if (ids.Count < PurgeBatchSize)
            {
                return total;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<PoisonRecord>> GetPoisonAsync(CancellationToken cancellationToken = default)
    {
        EnsureReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PoisonRow>(new CommandDefinition(_sql.Poison, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new PoisonRecord(r.InstanceId, r.WorkType, r.Name, r.DequeueCount, r.Reason, PostgresRows.Time(r.ParkedAt)))];
    }

    /// <inheritdoc/>
    public ValueTask<StoreDiagnostics> GetDiagnosticsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync(
            _sql.Diagnostics,
            [P.Text(instanceId)],
            async reader =>
            {
                await reader.ReadAsync(cancellationToken);
                return new StoreDiagnostics(
                    reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : PostgresRows.Time(reader.GetInt64(7)));
            },
            cancellationToken);
    }

    /// <summary>A row of <c>poison</c> as Dapper reads it.</summary>
    private sealed record PoisonRow(string InstanceId, string WorkType, string Name, int DequeueCount, string Reason, long ParkedAt);
}
