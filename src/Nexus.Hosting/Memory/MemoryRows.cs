using System.Data.Common;
using Nexus.Workflows.Memory;

namespace Nexus.Hosting.Memory;

/// <summary>What the SQLite and PostgreSQL memories do alike over ADO.NET: write a project's entries and conversation,
/// delete them, and read search hits and conversation turns back. Each store keeps its own SQL (parameters named
/// <c>@project</c>, <c>@kind</c>, … — both providers take <c>@</c> names) and its own column types.</summary>
internal static class MemoryRows
{
    /// <summary>Inserts <paramref name="entries"/> with <paramref name="sql"/> (<c>@project, @kind, @title, @text, @created</c>);
    /// <paramref name="created"/> gives the store's value for the time.</summary>
    public static async Task InsertEntriesAsync(
        DbConnection connection, DbTransaction transaction, string sql, string projectId, IEnumerable<MemoryEntry> entries,
        Func<DateTimeOffset, object> created, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await using var insert = Command(connection, transaction, sql,
                ("@project", projectId), ("@kind", entry.Kind), ("@title", entry.Title), ("@text", entry.Text), ("@created", created(entry.Created.ToUniversalTime())));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Inserts (or replaces) <paramref name="turns"/> with <paramref name="sql"/> (<c>@project, @agent, @turn, @role, @summary</c>).</summary>
    public static async Task InsertTurnsAsync(
        DbConnection connection, DbTransaction transaction, string sql, string projectId, IEnumerable<ConversationTurn> turns, CancellationToken cancellationToken)
    {
        foreach (var turn in turns)
        {
            await using var insert = Command(connection, transaction, sql,
                ("@project", projectId), ("@agent", turn.Agent), ("@turn", turn.Turn), ("@role", turn.Role), ("@summary", turn.Summary));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs each of <paramref name="statements"/> (<c>@project</c>) in order; the count of rows the first removed.</summary>
    public static async Task<int> DeleteAsync(
        DbConnection connection, DbTransaction transaction, string projectId, IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        var first = -1;
        foreach (var sql in statements)
        {
            await using var delete = Command(connection, transaction, sql, ("@project", projectId));
            var removed = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            first = first < 0 ? removed : first;
        }

        return Math.Max(0, first);
    }

    /// <summary>The hits <paramref name="search"/> returns (columns project_id, kind, title, text, created, rank), best first as
    /// ordered; <paramref name="created"/> reads column 4, <paramref name="score"/> turns the row's rank into a score.</summary>
    public static async Task<IReadOnlyList<MemoryHit>> ReadHitsAsync(
        DbCommand search, Func<DbDataReader, DateTimeOffset> created, Func<DbDataReader, double> score, CancellationToken cancellationToken)
    {
        var hits = new List<MemoryHit>();
        await using var reader = await search.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var entry = new MemoryEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), created(reader));
            hits.Add(new MemoryHit(entry, score(reader)));
        }

        return hits;
    }

    /// <summary>The conversation of <paramref name="projectId"/> that <paramref name="sql"/> selects (agent, turn, role, summary; <c>@project</c>).</summary>
    public static async Task<IReadOnlyList<ConversationTurn>> ReadTurnsAsync(DbConnection connection, string sql, string projectId, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, null, sql, ("@project", projectId));
        var turns = new List<ConversationTurn>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            turns.Add(new ConversationTurn(projectId, reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
        }

        return turns;
    }

    /// <summary>A command with <paramref name="parameters"/> (names with their <c>@</c>; <see langword="null"/> values as NULL).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
