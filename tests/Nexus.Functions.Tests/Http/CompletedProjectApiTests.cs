using Nexus.Api.Contract;
using Nexus.Functions.Tests.Support;

namespace Nexus.Functions.Tests.Http;

/// <summary>The shared API contract (tests/Nexus.Api.Contract) against the Function App: a finished project, run by the
/// workflow's function wrappers, read back through the HTTP functions and never replaced. Nexus.Server.Tests runs the same
/// contract against `nexus serve`.</summary>
public sealed class CompletedProjectApiTests(FunctionAppHost host) : CompletedProjectApiContract(host);
