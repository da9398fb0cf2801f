using Nexus.Api.Contract;
using Nexus.Server.Tests.Support;

namespace Nexus.Server.Tests.Api;

/// <summary>The shared API contract (tests/Nexus.Api.Contract) against `nexus serve`: a finished project read back and never
/// replaced. Nexus.Functions.Tests runs the same contract against the Function App.</summary>
public sealed class CompletedProjectApiTests(SharedHost host) : CompletedProjectApiContract(host.Factory);
