using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Nexus.Durable.Storage;

namespace Nexus.Durable.Sqlite;

public sealed partial class SqliteDurableStore
{
    /// <inheritdoc/>
    public ValueTask<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query with { PageSize = Math.Clamp(query.PageSize, 1, 1000) };
        var after = ContinuationToken.Parse(query.ContinuationToken);
        return ReadAsync(session => QueryCore(session, query, after), cancellationToken);
    }

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

    private static InstancePage QueryCore(SqliteSession session, InstanceQuery query, (long Key, string InstanceId)? after)
    {
        using var command = session.Connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteInstanceRows.SelectColumns} FROM instances i WHERE 1 = 1");
        if (!query.IncludeEntities)
        {
            sql.Append(" AND i.kind = 0");
        }

        if (query.RuntimeStatus.Count > 0)
        {
            sql.Append(" AND i.status IN (")
                .AppendJoin(", ", query.RuntimeStatus.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))
                .Append(')');
        }

        AddTimeRange(command, sql, query.CreatedFrom, query.CreatedTo, "i.");
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(" AND substr(i.instance_id, 1, length($prefix)) = $prefix");
            command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
        }

        var column = OrderColumn(query.OrderBy);
        var direction = query.Descending ? "<" : ">";
        var descending = query.Descending ? " DESC" : string.Empty;
        if (after is { } position)
        {
            sql.Append(column is null
                ? $" AND i.instance_id {direction} $afterId"
                : $" AND ({column} {direction} $afterKey OR ({column} = $afterKey AND i.instance_id {direction} $afterId))");
            command.Parameters.AddWithValue("$afterKey", position.Key);
            command.Parameters.AddWithValue("$afterId", position.InstanceId);
        }

        sql.Append(column is null
            ? $" ORDER BY i.instance_id{descending} LIMIT $limit"
            : $" ORDER BY {column}{descending}, i.instance_id{descending} LIMIT $limit");
        command.Parameters.AddWithValue("$limit", query.PageSize + 1);
        command.CommandText = sql.ToString();
        var instances = new List<InstanceRecord>(Math.Min(query.PageSize, 128));
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (instances.Count == query.PageSize)
                {
                    more = true;
                    break;
                }

                instances.Add(SqliteInstanceRows.Read(reader));
            }
        }

        var token = more ? ContinuationToken.Create(instances[^1], query.OrderBy) : null;
        return new InstancePage(instances, token);
    }

    private static void AddTimeRange(SqliteCommand command, StringBuilder sql, DateTimeOffset? from, DateTimeOffset? to, string prefix = "")
    {
        if (from is { } start)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {prefix}created_at >= $from");
            command.Parameters.AddWithValue("$from", start.UtcTicks);
        }

        if (to is { } end)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {prefix}created_at < $to");
            command.Parameters.AddWithValue("$to", end.UtcTicks);
        }
    }
}
