using Nexus.Compatibility.Backends;

namespace Nexus.Compatibility.Tests;

/// <summary>The scenarios on NEXUS's engine over SQLite (durability full).</summary>
public sealed class NexusSqliteCompatibilityTests(CompatibilityBackendFixture<NexusSqliteBackend> fixture)
    : CompatibilityTests<NexusSqliteBackend>(fixture);
