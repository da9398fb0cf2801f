using System.Buffers.Text;
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
        var after = ParseContinuationToken(query.ContinuationToken);
        return ReadAsync(session => QueryCore(session, query, after), cancellationToken);
    }

    private static InstancePage QueryCore(SqliteSession session, InstanceQuery query, (long Ticks, string Id)? after)
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

        if (after is { } position)
        {
            sql.Append(query.NewestFirst
                ? " AND (i.created_at < $afterTicks OR (i.created_at = $afterTicks AND i.instance_id < $afterId))"
                : " AND (i.created_at > $afterTicks OR (i.created_at = $afterTicks AND i.instance_id > $afterId))");
            command.Parameters.AddWithValue("$afterTicks", position.Ticks);
            command.Parameters.AddWithValue("$afterId", position.Id);
        }

        sql.Append(query.NewestFirst ? " ORDER BY i.created_at DESC, i.instance_id DESC LIMIT $limit" : " ORDER BY i.created_at, i.instance_id LIMIT $limit");
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

        var token = more ? CreateContinuationToken(instances[^1]) : null;
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

    private static string CreateContinuationToken(InstanceRecord last) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            last.CreatedTime.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + last.InstanceId));

    private static (long Ticks, string Id)? ParseContinuationToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var separator = text.IndexOf('|', StringComparison.Ordinal);
            if (separator > 0 && long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
            {
                return (ticks, text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException("The continuation token is not valid.", nameof(token));
    }
}
