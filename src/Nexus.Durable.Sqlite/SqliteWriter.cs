using System.Threading.Channels;
using Nexus.Durable.Storage;
using SQLitePCL;

namespace Nexus.Durable.Sqlite;

/// <summary>The store's single writer: one connection, one thread, group commit.</summary>
/// <remarks>
/// Every write operation is a request on a channel. The thread takes everything queued (up to
/// <see cref="SqliteStoreOptions.MaxBatchSize"/>), runs the requests inside ONE transaction and commits once, so one
/// fsync covers the whole group. A failing request gets its own exception and leaves nothing behind: one that failed
/// before writing needs no undo; otherwise the group is rolled back and run again with a SAVEPOINT per request, so
/// only that request's writes are undone. Only then are the requests' tasks completed and waiters signalled. If the commit fails the whole
/// group is rolled back and every request in it fails.
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private readonly Channel<SqliteWriteRequest> _queue =
        Channel.CreateUnbounded<SqliteWriteRequest>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SqliteSession _session;
    private readonly SqliteWriteContext _context;
    private readonly SqliteStoreOptions _options;
    private readonly Action<int, IReadOnlyList<string>> _committed;
    private readonly Thread _thread;
    private readonly List<SqliteWriteRequest> _batch = [];
    private readonly SqliteCheckpointer _checkpointer;
    private int _commitsSinceCheckpoint;
    private bool? _synchronousFull;
    private long _transactions;
    private long _requests;

    public SqliteWriter(SqliteSession session, SqliteStoreOptions options, Action<int, IReadOnlyList<string>> committed)
    {
        _session = session;
        _options = options;
        _committed = committed;
        _context = new SqliteWriteContext(session, options.PayloadThresholdBytes);
        _checkpointer = new SqliteCheckpointer(options);
        _thread = new Thread(Run) { IsBackground = true, Name = "Nexus SQLite writer" };
        _thread.Start();
    }

    /// <summary>Transactions committed so far (a group is one transaction).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>The background WAL checkpointer.</summary>
    public SqliteCheckpointer Checkpointer => _checkpointer;

    /// <summary>Requests executed so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Queues a write. <paramref name="requiresSync"/> is false for lease-only operations.</summary>
    public Task<T> Enqueue<T>(Func<SqliteWriteContext, T> body, bool requiresSync, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new SqliteWriteRequest<T>(body, requiresSync, cancellationToken);
        var queued = _queue.Writer.TryWrite(request);
        ObjectDisposedException.ThrowIf(!queued, typeof(SqliteDurableStore));

        return request.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _checkpointer.Dispose();
        _session.Dispose();
    }

    private void Run()
    {
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            _batch.Clear();
            while (_batch.Count < _options.MaxBatchSize && reader.TryRead(out var request))
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    request.Cancel();
                }
                else
                {
                    _batch.Add(request);
                }
            }

            if (_batch.Count > 0)
            {
                RunGroup(_batch);
            }
        }
    }

    private void RunGroup(List<SqliteWriteRequest> batch)
    {
        DateTimeOffset now;
        try
        {
            SetSynchronous(_options.Durability == SqliteDurability.Full && (!_options.UnsyncedLeaseGroups || batch.Exists(r => r.RequiresSync)));
            now = _options.TimeProvider.GetUtcNow();
        }
        catch (Exception ex)
        {
            FailAll(batch, ex);
            return;
        }

        // Requests run without savepoints first: most succeed, and one that fails before writing anything (a lost lease,
        // an existing instance) leaves nothing to undo. Only if a request fails after it started writing is the group
        // rolled back and run again with a savepoint per request, so that request's writes alone are undone.
        var outcome = RunRequests(batch, now, savepoints: false);
        if (outcome == GroupOutcome.Retry)
        {
            outcome = RunRequests(batch, now, savepoints: true);
        }

        if (outcome != GroupOutcome.Ready)
        {
            return;
        }

        try
        {
            _options.BeforeCommit?.Invoke();
            _session.Statement("COMMIT", 0).ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            Abort(batch, ex);
            return;
        }

        Interlocked.Increment(ref _transactions);
        if (++_commitsSinceCheckpoint >= SqliteCheckpointer.CommitsPerCheckpoint)
        {
            _commitsSinceCheckpoint = 0;
            _checkpointer.Request();
        }

        Interlocked.Add(ref _requests, batch.Count);
        try
        {
            _committed(_context.CommittedKinds, _context.CommittedInstances);
        }
        finally
        {
            foreach (var request in batch)
            {
                if (request.Error is null)
                {
                    request.Complete();
                }
                else
                {
                    request.Fail(request.Error);
                }
            }
        }
    }

    private GroupOutcome RunRequests(List<SqliteWriteRequest> batch, DateTimeOffset now, bool savepoints)
    {
        try
        {
            _context.BeginGroup(now);
            _session.Statement("BEGIN IMMEDIATE", 0).ExecuteNonQuery();
        }
        catch (Exception ex)
        {
            FailAll(batch, ex);
            return GroupOutcome.Aborted;
        }

        foreach (var request in batch)
        {
            request.Error = null;
        }

        foreach (var request in batch)
        {
            _context.BeginRequest();
            if (!savepoints)
            {
                var writesBefore = _session.WriteAttempts;
                try
                {
                    request.Execute(_context);
                    _context.AcceptRequest();
                }
                catch (Exception ex)
                {
                    request.Error = ex;
                    var clean = _session.WriteAttempts == writesBefore && InTransaction;
                    if (clean)
                    {
                        continue;
                    }

                    // A lone request's failure rolls back the (otherwise empty) transaction: nothing to run again.
                    if (batch.Count == 1)
                    {
                        Abort(batch, ex);
                        return GroupOutcome.Aborted;
                    }

                    return Rollback(batch) ? GroupOutcome.Retry : GroupOutcome.Aborted;
                }

                continue;
            }

            try
            {
                _session.Statement("SAVEPOINT request", 0).ExecuteNonQuery();
            }
            catch (Exception ex)
            {
                Abort(batch, ex);
                return GroupOutcome.Aborted;
            }

            try
            {
                request.Execute(_context);
                _session.Statement("RELEASE request", 0).ExecuteNonQuery();
                _context.AcceptRequest();
            }
            catch (Exception ex)
            {
                request.Error = ex;
                try
                {
                    _session.Statement("ROLLBACK TO request", 0).ExecuteNonQuery();
                    _session.Statement("RELEASE request", 0).ExecuteNonQuery();
                }
                catch (Exception fatal)
                {
                    Abort(batch, fatal);
                    return GroupOutcome.Aborted;
                }
            }
        }

        return GroupOutcome.Ready;
    }

    // Rolls the group back so it can run again; if that fails, every request fails.
    private bool Rollback(List<SqliteWriteRequest> batch)
    {
        try
        {
            if (InTransaction)
            {
                _session.Execute("ROLLBACK");
            }

            return true;
        }
        catch (Exception ex)
        {
            FailAll(batch, ex);
            return false;
        }
    }

    // The group transaction cannot commit: roll everything back; every request fails.
    private void Abort(List<SqliteWriteRequest> batch, Exception exception)
    {
        try
        {
            if (InTransaction)
            {
                _session.Execute("ROLLBACK");
            }
        }
        catch (Exception rollbackError)
        {
            exception = new AggregateException(exception, rollbackError);
        }

        FailAll(batch, exception);
    }

    private static void FailAll(List<SqliteWriteRequest> batch, Exception exception)
    {
        foreach (var request in batch)
        {
            request.Fail(request.Error ?? new DurableException("The store's commit failed; nothing of this operation was written.", exception));
        }
    }

    // Microsoft.Data.Sqlite has no property for this (its SqliteTransaction only knows the transactions it began), so
    // ask SQLite through SQLitePCLRaw.core, which comes with Microsoft.Data.Sqlite.
    private bool InTransaction => raw.sqlite3_get_autocommit(_session.Connection.Handle) == 0;

    private void SetSynchronous(bool full)
    {
        if (_synchronousFull != full)
        {
            _session.Execute(full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            _synchronousFull = full;
        }
    }
}
