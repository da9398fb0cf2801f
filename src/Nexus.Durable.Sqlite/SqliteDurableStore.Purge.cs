using System.Globalization;
using System.Text;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    /// <inheritdoc/>
    public async ValueTask<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return await WriteAsync(context => PurgeCore(context, instanceId), requiresSync: true, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await WriteAsync(
            context =>
            {
                var statuses = filter.RuntimeStatus.Count == 0
                    ? [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled]
                    : filter.RuntimeStatus.Where(s => s.IsTerminal()).Distinct().ToList();
                if (statuses.Count == 0)
                {
                    return 0;
                }

                using var command = context.Session.Connection.CreateCommand();
                var sql = new StringBuilder("SELECT instance_id FROM instances WHERE status IN (")
                    .AppendJoin(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))
                    .Append(')');
                AddTimeRange(command, sql, filter.CreatedFrom, filter.CreatedTo);
                command.CommandText = sql.ToString();
                var ids = new List<string>();
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    DeleteInstanceData(context, id);
                }

                return ids.Count;
            },
            requiresSync: true,
            cancellationToken);
    }

    private static int PurgeCore(SqliteWriteContext context, string instanceId)
    {
        var status = context.Statement("SELECT status FROM instances WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteScalar();
        if (status is null || ((OrchestrationRuntimeStatus)Convert.ToInt32(status, CultureInfo.InvariantCulture)).IsActive())
        {
            return 0;
        }

        DeleteInstanceData(context, instanceId);
        return 1;
    }

    private static void DeleteInstanceData(SqliteWriteContext context, string instanceId)
    {
        context.Statement("DELETE FROM history WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM inbox WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM activities WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM payloads WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.Statement("DELETE FROM instances WHERE instance_id = $p0", 1).Bind(instanceId).ExecuteNonQuery();
        context.InstanceChanged(instanceId);
    }
}
