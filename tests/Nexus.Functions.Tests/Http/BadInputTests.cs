using Nexus.Api.Contract;
using Nexus.Functions.Tests.Support;
using Xunit;

namespace Nexus.Functions.Tests.Http;

/// <summary>The shared bad-input contract (tests/Nexus.Api.Contract) against the Function App on an app of its own (its own
/// store, so "nothing started" means its list stays empty). Nexus.Server.Tests runs the same contract against `nexus serve`.</summary>
public sealed class BadInputTests(BadInputTests.EmptyApp app) : BadInputContract(app.Host), IClassFixture<BadInputTests.EmptyApp>
{
    public sealed class EmptyApp : IAsyncLifetime
    {
        public FunctionAppHost Host { get; } = new();

        public ValueTask InitializeAsync() => Host.InitializeAsync();

        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
