using Nexus.Api.Contract;
using Nexus.Functions.Tests.Support;

namespace Nexus.Functions.Tests.Http;

/// <summary>The shared list-order contract (tests/Nexus.Api.Contract) against the Function App with NEXUS's Durable client.</summary>
public sealed class ProjectListOrderApiTests(FunctionAppHost host) : ProjectListOrderApiContract(host);
