using Nexus.Api.Contract;
using Nexus.Server.Tests.Support;

namespace Nexus.Server.Tests.Security;

/// <summary>The shared API contract (tests/Nexus.Api.Contract) against `nexus serve`: the minimal-API endpoints over the
/// shared handlers in the real host. Nexus.Functions.Tests runs the same contract against the Function App.</summary>
public sealed class ResponseRedactionApiTests(SharedHost host) : ResponseRedactionContract(host.Factory);
