using System.Diagnostics;
using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Scenarios;
using Xunit;

namespace Nexus.Compatibility.Tests;

/// <summary>One started backend per test class, with every scenario registered (an xunit class fixture).</summary>
public sealed class CompatibilityBackendFixture<TBackend> : IAsyncLifetime
    where TBackend : class, ICompatibilityBackend<TBackend>
{
    private TBackend? _backend;

    public TBackend Backend => _backend ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        // Timed apart: creating may start a shared server (Azurite), starting is the backend's own cost (README.md).
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        long started = Stopwatch.GetTimestamp();
        _backend = await TBackend.CreateForTestsAsync(CompatibilityScenarios.Register, cancellationToken);
        TimeSpan created = Stopwatch.GetElapsedTime(started);
        started = Stopwatch.GetTimestamp();
        await _backend.StartAsync(cancellationToken);
        TestContext.Current.SendDiagnosticMessage(
            $"{_backend.Name}: created in {created.TotalMilliseconds:0} ms, started in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
    }

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            long started = Stopwatch.GetTimestamp();
            await _backend.DisposeAsync();
            TestContext.Current.SendDiagnosticMessage($"{_backend.Name}: stopped in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
    }
}
