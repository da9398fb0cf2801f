using Xunit;

[assembly: AssemblyFixture(typeof(Nexus.Server.Tests.Support.SharedHost))]

namespace Nexus.Server.Tests.Support;

/// <summary>One host for the tests that only need their own projects (unique ids), started once for the assembly.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    internal NexusAppFactory Factory { get; } = new();

    public ValueTask InitializeAsync()
    {
        _ = Factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Factory.DeleteData();
    }
}
