using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Support;

namespace Nexus.Compatibility.Tests;

/// <summary>The scenarios on NEXUS's engine over PostgreSQL.</summary>
public sealed class NexusPostgresCompatibilityTests(CompatibilityBackendFixture<NexusPostgresBackend> fixture)
    : EntityCompatibilityTests<NexusPostgresBackend>(fixture)
{
    /// <summary>
    /// Refused: NEXUS's client throws <see cref="InvalidOperationException"/> for a Pending, Running or Suspended instance
    /// (its documented contract, kept deliberately: a purge that silently does nothing hides a mistake), where the SDK
    /// documents a count of 0.
    /// </summary>
    protected override ActivePurgeOutcome ActiveInstancePurge => ActivePurgeOutcome.Refused;
}
