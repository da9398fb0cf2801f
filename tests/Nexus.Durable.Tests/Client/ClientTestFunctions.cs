using Nexus.Durable.Registry;
using Nexus.Durable.Tests.Entities;

namespace Nexus.Durable.Tests.Client;

public sealed record Greeting(string Name, int Times);

public sealed record GreetingReply(string Text, int Count);

/// <summary>The orchestrations, activities and entity the SDK client tests run on today's engine (registered by name).</summary>
internal static class ClientTestFunctions
{
    public static void Register(DurableRegistry registry) => registry
        .AddEntity<Counter>()
        .AddActivity<string, string>("Shout", (_, s) => Task.FromResult(s.ToUpperInvariant() + "!"))
        .AddActivity<string, string>("Explode", (_, s) => throw new InvalidOperationException("kaboom: " + s))
        .AddOrchestration<Greeting, GreetingReply>("Greet", async (ctx, g) =>
        {
            var text = await ctx.CallActivityAsync<string>("Shout", g.Name);
            ctx.SetCustomStatus("greeted");
            return new GreetingReply(text, g.Times * 2);
        })
        .AddOrchestration<string, string>("Fail", (_, why) => throw new InvalidOperationException(why))
        .AddOrchestration<string, string>("FailInActivity", (ctx, s) => ctx.CallActivityAsync<string>("Explode", s))
        .AddOrchestration<string, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"))
        .AddOrchestration<Greeting, GreetingReply>("GreetViaChild", (ctx, g) => ctx.CallSubOrchestrationAsync<GreetingReply>("Greet", g))
        .AddOrchestration<string, string>("WaitViaChild", (ctx, s) => ctx.CallSubOrchestrationAsync<string>("Waiter", s));
}
