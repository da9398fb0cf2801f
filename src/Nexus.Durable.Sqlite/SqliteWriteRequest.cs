namespace Nexus.Durable.Sqlite;

/// <summary>One write operation queued for the writer thread; it runs inside its own SAVEPOINT of a group transaction.</summary>
internal abstract class SqliteWriteRequest(bool requiresSync, CancellationToken cancellationToken)
{
    /// <summary>Whether the commit that holds it must be synced (false for lease-only operations).</summary>
    public bool RequiresSync { get; } = requiresSync;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The request's own failure (its savepoint was rolled back).</summary>
    public Exception? Error { get; set; }

    public abstract void Execute(SqliteWriteContext context);

    public abstract void Complete();

    public abstract void Fail(Exception exception);

    public abstract void Cancel();
}

/// <summary>A write operation with a result.</summary>
internal sealed class SqliteWriteRequest<T>(Func<SqliteWriteContext, T> body, bool requiresSync, CancellationToken cancellationToken)
    : SqliteWriteRequest(requiresSync, cancellationToken)
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override void Execute(SqliteWriteContext context) => _result = body(context);

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    public override void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
