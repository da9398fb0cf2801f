using Nexus.Api.Handlers;
using Shouldly;
using Xunit;

namespace Nexus.Functions.Tests.Http;

/// <summary>The Function App's Durable Task client on Azure cannot page newest first (the instance query has no order):
/// <c>GET /api/projects?orderBy=…</c> is refused there with a 400 that says so, never silently ignored. The tests' client is
/// NEXUS's own, so the decision is tested here; the contract suite lists newest first through it on both hosts.</summary>
public sealed class ListOrderTests
{
    [Theory]
    [InlineData("createdTime desc")]
    [InlineData("createdTime")]
    [InlineData("createdTime asc")]
    public void ExplicitOrder_OnAnotherStore_IsRefusedNamingNexussStore(string orderBy)
    {
        var detail = ProjectSearch.DescribeUnsupportedOrder(orderBy, nexusStore: false);

        detail.ShouldNotBeNull();
        detail.ShouldStartWith("orderBy: newest-first ordering ('createdTime desc'), like any explicit order, needs NEXUS's store");
        detail.ShouldContain("Leave orderBy out");
    }

    [Theory]
    [InlineData("createdTime desc", true)]
    [InlineData("createdTime", true)]
    [InlineData(null, false)]
    [InlineData(null, true)]
    public void NoOrder_OrNexussStore_IsServed(string? orderBy, bool nexusStore) =>
        ProjectSearch.DescribeUnsupportedOrder(orderBy, nexusStore).ShouldBeNull();
}
