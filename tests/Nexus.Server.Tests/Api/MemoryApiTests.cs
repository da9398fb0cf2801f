using Nexus.Api.Contract;
using Nexus.Server.Tests.Support;

namespace Nexus.Server.Tests.Api;

/// <summary>The memory search contract (tests/Nexus.Api.Contract) against `nexus serve`, whose memory is SQLite FTS5.</summary>
public sealed class MemoryApiTests(SharedHost host) : MemoryApiContract(host.Factory);
