namespace Nexus.Api;

/// <summary>What the shared handlers read from their host's configuration (the <c>Nexus</c> section in both hosts).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Nexus";

    /// <summary>The environment variable (or app setting) with the accepted API keys, comma-separated.</summary>
    public const string ApiKeyVariable = "NEXUS_API_KEY";

    /// <summary>The accepted API keys; default: <c>NEXUS_API_KEY</c> (comma-separated), else (where
    /// <see cref="GenerateKeyFile"/> is on) a key generated into <c>{data}/api-key</c> on first start.</summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Whether a key is generated into the data directory when none is configured (and printed once on the
    /// console). Default <see langword="true"/> (<c>nexus serve</c>); the Function App turns it off: its console is its
    /// log, and a key there would be a secret in the log. Without a key every <c>/api</c> request is refused.</summary>
    public bool GenerateKeyFile { get; set; } = true;

    /// <summary>Whether the host serves <c>GET projects/{id}/stream</c> (Server-Sent Events from NEXUS's own history), so
    /// that the management URLs may point at it. Default <see langword="true"/> (<c>nexus serve</c>); the Function App turns
    /// it off, having no such route. Not a setting: a fact about the host, so not bound from configuration.</summary>
    internal bool ServesStream { get; set; } = true;

    /// <summary>The largest request body accepted. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1 << 20;

    /// <summary>The <c>Retry-After</c> seconds on 202 answers. Default 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
