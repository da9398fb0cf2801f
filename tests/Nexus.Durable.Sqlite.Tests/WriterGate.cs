namespace Nexus.Durable.Sqlite.Tests;

/// <summary>A commit hook that can hold the writer inside its transaction (so later requests pile up into one group)
/// and can make commits fail.</summary>
internal sealed class WriterGate : IDisposable
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();
    private volatile bool _holding;
    private volatile bool _failing;

    public void Hook()
    {
        if (_holding)
        {
            _holding = false;
            _entered.Set();
            _release.Wait(TimeSpan.FromSeconds(30));
        }

        if (_failing)
        {
            throw new IOException("Injected commit failure.");
        }
    }

    /// <summary>The next commit waits in the hook until <see cref="Release"/>.</summary>
    public void HoldNextCommit()
    {
        _entered.Reset();
        _release.Reset();
        _holding = true;
    }

    /// <summary>Waits until the writer is held inside the hook (its transaction open).</summary>
    public void WaitUntilHeld()
    {
        if (!_entered.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The writer never reached the commit hook.");
        }
    }

    public void Release() => _release.Set();

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public void Dispose()
    {
        _release.Set();
        _entered.Dispose();
        _release.Dispose();
    }
}
