using System.Runtime.InteropServices;

namespace Nexus.Cli.Live;

/// <summary>Ctrl-C (SIGINT) and SIGTERM while a project is followed: the first one ends the live view (the caller decides
/// what happens to the project), a second Ctrl-C answers "leave it", and any further one ends the process as usual.</summary>
internal sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _first = new();
    private readonly TaskCompletionSource _second = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;
    private int _count;

    public InterruptSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _first.Token;

    public bool Interrupted => _first.IsCancellationRequested;

    /// <summary>The first signal was SIGTERM (a service manager stopping us): never ask, leave the project.</summary>
    public bool Terminated { get; private set; }

    /// <summary>Completes at the second signal.</summary>
    public Task Again => _second.Task;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _first.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        switch (Interlocked.Increment(ref _count))
        {
            case 1:
                context.Cancel = true;
                Terminated = context.Signal == PosixSignal.SIGTERM;
                _first.Cancel();
                break;
            case 2:
                context.Cancel = true;
                _second.TrySetResult();
                break;
            default:
                context.Cancel = false; // the user insists: the default action ends the process; the store is crash-safe.
                break;
        }
    }
}
