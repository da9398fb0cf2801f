using Nexus.Durable.Registry;
using Nexus.Durable.Tests.Entities;

namespace Nexus.Durable.Tests.Client;

public sealed record Greeting(string Name, int Times);

public sealed record GreetingReply(string Text, int Count);

/// <summary>The Microsoft.DurableTask orchestrators, activities and entity the SDK client tests run on the engine.</summary>
internal static class ClientTestFunctions
{
    public static void Register(DurableRegistry registry) => registry
        .AddTaskEntity<Counter>()
        .AddTaskActivityFunc<string, string>("Shout", (_, s) => Task.FromResult(s.ToUpperInvariant() + "!"))
        .AddTaskActivityFunc<string, string>("Explode", (_, s) => throw new InvalidOperationException("kaboom: " + s))
        .AddTaskOrchestratorFunc<Greeting, GreetingReply>("Greet", async (ctx, g) =>
        {
            var text = await ctx.CallActivityAsync<string>("Shout", g.Name);
            ctx.SetCustomStatus("greeted");
            return new GreetingReply(text, g.Times * 2);
        })
        .AddTaskOrchestratorFunc<string, string>("Fail", (_, why) => throw new InvalidOperationException(why))
        .AddTaskOrchestratorFunc<string, string>("FailInActivity", (ctx, s) => ctx.CallActivityAsync<string>("Explode", s))
        .AddTaskOrchestratorFunc<string, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"))
        .AddTaskOrchestratorFunc<Greeting, GreetingReply>("GreetViaChild", (ctx, g) => ctx.CallSubOrchestratorAsync<GreetingReply>("Greet", g))
        .AddTaskOrchestratorFunc<string, string>("WaitViaChild", (ctx, s) => ctx.CallSubOrchestratorAsync<string>("Waiter", s));
}
