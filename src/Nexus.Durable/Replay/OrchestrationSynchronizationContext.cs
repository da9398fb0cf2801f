namespace Nexus.Durable.Replay;

/// <summary>Runs orchestration continuations one at a time on the thread that drives the episode, in a fixed order.</summary>
/// <remarks>
/// Awaits inside orchestration code capture this context, so every continuation is queued here and run by
/// <see cref="Pump"/>. A post from another thread means the code awaited something that is not a durable task
/// (I/O, <c>Task.Delay</c>, <c>ConfigureAwait(false)</c>): it is recorded and the episode fails with a clear message.
/// </remarks>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private int _ownerThread = -1;

    public string? ForeignPost { get; private set; }

    public int OwnerThread => _ownerThread;

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _ownerThread))
        {
            ForeignPost ??= "a continuation was posted from another thread";
            return;
        }

        _queue.Enqueue((d, state));
    }

    /// <summary>Records a breach of the single-thread rule found elsewhere (the episode then fails with it).</summary>
    public void ReportForeign(string what) => ForeignPost ??= what;

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestration code cannot use synchronous Send.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Makes this the current context of the calling thread until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var previous = Current;
        Volatile.Write(ref _ownerThread, Environment.CurrentManagedThreadId);
        SetSynchronizationContext(this);
        return new Scope(this, previous);
    }

    /// <summary>Runs queued continuations until none are left.</summary>
    public void Pump()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }

    internal readonly struct Scope(OrchestrationSynchronizationContext owner, SynchronizationContext? previous) : IDisposable
    {
        public void Dispose()
        {
            owner.Pump();
            SetSynchronizationContext(previous);
            Volatile.Write(ref owner._ownerThread, -1);
        }
    }
}
