using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Durable.Serialization;

namespace Nexus.Durable.Worker;

/// <summary>Options of <see cref="DurableWorker"/>. Every default is stated; <see cref="Validate"/> runs at start.</summary>
public sealed class DurableWorkerOptions
{
    /// <summary>This worker's unique id (lock owner). Default: host name, process id and a random suffix.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Orchestration episodes in flight at once (episodes are short; more in flight means larger group commits). Default 200.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 200;

    /// <summary>Activities running at once. Default 100. (Agent processes have their own, smaller limit in the workflow.)</summary>
    public int MaxConcurrentActivities { get; set; } = 100;

    /// <summary>Entity batches in flight at once. Default 50.</summary>
    public int MaxConcurrentEntities { get; set; } = 50;

    /// <summary>How long a lock lasts unless renewed. Default 60 seconds. A dead worker's work is taken over after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running activity renews its lease and checks that its orchestration is still running
    /// (an ended orchestration cancels the activity). Default 5 seconds; in-process ends are seen at once.</summary>
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A work item taken this many times without completing is parked as poison. Default 5.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>First polling delay after an empty poll (new work in this process wakes the worker at once). Default 50 ms.</summary>
    public TimeSpan MinPollingInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Longest polling delay when idle. Default 1 second.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Live orchestration states kept in memory (LRU) to avoid replaying on every episode. Default 1,000.</summary>
    public int StateCacheSize { get; set; } = 1000;

    /// <summary>How long a graceful stop waits for running work before cancelling it and releasing its locks. Default 30 seconds.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock (durable timers, leases, polling). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Serializer of inputs and outputs. Default <see cref="JsonDataConverter.Default"/>.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>Logging. Default: none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Called after the checkpoint that ends an orchestration (completed, failed, terminated) has committed, on
    /// the worker's thread: keep it short and never throw (an exception is logged and ignored). Default none.</summary>
    public Action<EndedInstance>? InstanceEnded { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(WorkerId), nameof(WorkerId), "must not be empty");
        Check(MaxConcurrentOrchestrations >= 1, nameof(MaxConcurrentOrchestrations), "must be at least 1");
        Check(MaxConcurrentActivities >= 1, nameof(MaxConcurrentActivities), "must be at least 1");
        Check(MaxConcurrentEntities >= 1, nameof(MaxConcurrentEntities), "must be at least 1");
        Check(LeaseDuration > TimeSpan.Zero, nameof(LeaseDuration), "must be positive");
        Check(LeaseRenewalInterval > TimeSpan.Zero && LeaseRenewalInterval < LeaseDuration, nameof(LeaseRenewalInterval), "must be positive and shorter than LeaseDuration");
        Check(MaxDequeueCount >= 1, nameof(MaxDequeueCount), "must be at least 1");
        Check(MinPollingInterval > TimeSpan.Zero && MinPollingInterval <= MaxPollingInterval, nameof(MinPollingInterval), "must be positive and at most MaxPollingInterval");
        Check(StateCacheSize >= 0, nameof(StateCacheSize), "must not be negative");
        Check(ShutdownTimeout >= TimeSpan.Zero, nameof(ShutdownTimeout), "must not be negative");
    }

    private static void Check(bool ok, string name, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"DurableWorkerOptions.{name} {problem}.", name);
        }
    }
}
