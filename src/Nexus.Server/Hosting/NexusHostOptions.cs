using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Server.Hosting;

/// <summary>Options of the local HTTP host, bound from the <c>Nexus</c> configuration section (and <c>--data</c>, <c>--port</c>);
/// what the shared handlers read (API keys, body limit, Retry-After) is <see cref="Nexus.Api.ApiOptions"/>, bound from the same section.</summary>
public sealed class NexusHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Nexus";

    /// <summary>The data directory; default: <c>--data</c>, else <see cref="Nexus.Workflows.Hosting.WorkflowOptions.DataDirectory"/>'s default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Where replay scenarios live; default: <see cref="Nexus.Workflows.Hosting.WorkflowOptions.ScenariosDirectory"/>'s default.</summary>
    public string? ScenariosDirectory { get; set; }

    /// <summary>The store, <c>sqlite</c> or <c>postgres</c> (<c>--store</c>); default <c>NEXUS_STORE</c>, else sqlite.</summary>
    public string? Store { get; set; }

    /// <summary>The PostgreSQL connection string (<c>--connection</c>); default <c>NEXUS_CONNECTION</c>. Never logged.</summary>
    public string? Connection { get; set; }

    /// <summary>The PostgreSQL schema of this task hub (<c>--schema</c>); default <c>NEXUS_SCHEMA</c>, else <c>nexus</c>.</summary>
    public string? Schema { get; set; }

    /// <summary>Requests each API key may make per <see cref="RateLimitWindow"/>. Default 600.</summary>
    public int RateLimitPermits { get; set; } = 600;

    /// <summary>The rate-limit window. Default one minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Consume the submission queue in this process. Default <see langword="true"/>.</summary>
    public bool QueueConsumerEnabled { get; set; } = true;

    /// <summary>How long a dequeued message is leased before another consumer may take it. Default 5 minutes.</summary>
    public TimeSpan QueueLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a message that keeps failing is parked. Default 5.</summary>
    public int QueueMaxAttempts { get; set; } = 5;

    /// <summary>The longest the consumer sleeps between polls when it is not woken. Default 2 seconds.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle event stream sends a keep-alive comment. Default 15 seconds.</summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Changes the runtime's options (worker concurrency, store) before it starts.</summary>
    public Action<NexusOptions>? ConfigureRuntime { get; set; }
}
