using Nexus.Api.Contract;
using Nexus.Functions.Tests.Support;

namespace Nexus.Functions.Tests.Http;

/// <summary>The memory search contract (tests/Nexus.Api.Contract) against the Function App, which has no memory here (no
/// shared PostgreSQL store in its settings): 503, and 400 without q.</summary>
public sealed class MemoryApiTests(FunctionAppHost host) : MemoryApiContract(host);
