using Npgsql;

namespace Nexus.Durable.Postgres;

/// <summary>The statements of one store operation, sent together as one <see cref="NpgsqlBatch"/>: one round trip and
/// one implicit transaction (a failing statement rolls back the whole batch and skips the rest).</summary>
/// <remarks>Only statements that return rows (SELECT, RETURNING) produce result sets; the reader skips the others.</remarks>
internal sealed class PostgresBatch
{
    private readonly List<NpgsqlBatchCommand> _commands = [];

    public int Count => _commands.Count;

    public PostgresBatch Add(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        _commands.Add(command);
        return this;
    }

    public NpgsqlBatch Create(NpgsqlConnection connection, NpgsqlTransaction? transaction = null)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in _commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    /// <summary>Moves to the next result set, which the caller knows exists.</summary>
    public static async ValueTask NextAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.NextResultAsync(cancellationToken))
        {
            throw new InvalidOperationException("The batch returned fewer result sets than expected.");
        }
    }
}
