using Nexus.Compatibility.Backends;

namespace Nexus.Compatibility.Tests;

/// <summary>The scenarios on NEXUS's engine over PostgreSQL.</summary>
public sealed class NexusPostgresCompatibilityTests(CompatibilityBackendFixture<NexusPostgresBackend> fixture)
    : CompatibilityTests<NexusPostgresBackend>(fixture);
