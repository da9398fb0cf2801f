using Nexus.Api.Contract;
using Nexus.Functions.Tests.Support;

namespace Nexus.Functions.Tests.Http;

/// <summary>The shared API contract (tests/Nexus.Api.Contract) against the Function App: its HTTP functions over the shared
/// handlers, called with real request objects and NEXUS's Durable client. Nexus.Server.Tests runs the same contract
/// against `nexus serve`.</summary>
public sealed class ProjectRetryApiTests(FunctionAppHost host) : ProjectRetryApiContract(host);
