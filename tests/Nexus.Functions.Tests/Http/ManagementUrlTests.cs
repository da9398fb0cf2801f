using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Nexus.Api.Contract.Support;
using Nexus.Functions.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Functions.Tests.Http;

/// <summary>The management URLs the Function App answers with lead to its own functions: no dead link such as the
/// <c>/stream</c> only <c>nexus serve</c> serves (its tests check that it offers and serves it).</summary>
public sealed class ManagementUrlTests(FunctionAppHost host)
{
    private static readonly IReadOnlyList<HttpFunction> Functions = HttpFunction.Discover();

    [Fact]
    public async Task StartProject_EveryManagementUrl_IsServedByAFunction_AndThereIsNoStreamLink()
    {
        using var client = host.CreateApiClient();

        var body = await (await client.PostJsonAsync("/api/projects", Demo(NewId("urls")))).ShouldBeAsync(HttpStatusCode.Accepted);

        body.TryGetProperty("streamGetUri", out _).ShouldBeFalse("the Function App serves no /stream");
        ShouldAllBeServed(body, ["statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri", "restartPostUri"]);
    }

    [Fact]
    public async Task CreateTask_EveryUrl_IsServedByAFunction_AndThereIsNoStreamLink()
    {
        using var client = host.CreateApiClient();

        var body = await (await client.PostJsonAsync("/api/tasks/create", Demo(NewId("urls")))).ShouldBeAsync(HttpStatusCode.Accepted);

        body.TryGetProperty("streamUri", out _).ShouldBeFalse("the Function App serves no /stream");
        ShouldAllBeServed(body, ["statusUri", "resultUri"]);
    }

    // Every property ending in "Uri" is a link; its method is in its name (Durable Functions' convention: …GetUri,
    // …PostUri, …DeleteUri), GET otherwise. Each must match a function's [HttpTrigger] under the route prefix "api".
    private static void ShouldAllBeServed(JsonElement body, string[] expected)
    {
        var links = body.EnumerateObject().Where(p => p.Name.EndsWith("Uri", StringComparison.Ordinal)).ToList();
        links.Select(l => l.Name).ShouldBe(expected, ignoreOrder: true);
        foreach (var link in links)
        {
            var method = link.Name.EndsWith("PostUri", StringComparison.Ordinal) ? "POST" : link.Name.EndsWith("DeleteUri", StringComparison.Ordinal) ? "DELETE" : "GET";
            var path = new Uri(link.Value.GetString()!.Replace("{eventName}", "approval", StringComparison.Ordinal)).AbsolutePath;
            path.ShouldStartWith("/api/");
            Functions.Where(f => f.Verbs.Contains(method))
                .Any(f => new TemplateMatcher(f.Route, []).TryMatch(path["/api".Length..], new RouteValueDictionary()))
                .ShouldBeTrue($"{link.Name}: {method} {path} is served by no function");
        }
    }
}
