using Nexus.Api.Contract;
using Nexus.Server.Tests.Support;

namespace Nexus.Server.Tests.Api;

/// <summary>The shared list-order contract (tests/Nexus.Api.Contract) against `nexus serve`.</summary>
public sealed class ProjectListOrderApiTests(SharedHost host) : ProjectListOrderApiContract(host.Factory);
