using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Nexus.Hosting;
using Nexus.Server.Hosting;
using Shouldly;
using Xunit;

namespace Nexus.Server.Tests.Hosting;

/// <summary>The start log of <c>nexus serve</c> (a real host on a port of its own) names what confines its agents, as the
/// run banner does: bubblewrap, or NONE when the operator opted out.</summary>
public sealed class StartLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, "sandbox: NONE (--unsandboxed: agents can read every file this user can)")]
    [InlineData(false, "sandbox: bubblewrap")]
    public async Task Start_WithOrWithoutTheOptOut_RuntimeStartedLogNamesTheSandboxMode(bool unsandboxed, string expected)
    {
        var data = Directory.CreateTempSubdirectory("nexus-startlog-").FullName;
        var lines = new ConcurrentQueue<string>();
        try
        {
            var builder = NexusHost.CreateBuilder(
                ["--urls", "http://127.0.0.1:0"], new NexusOptions { DataDirectory = data, RunWorker = true, Unsandboxed = unsandboxed });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new RecordingLoggerProvider(lines));
            await using (var app = NexusHost.BuildApp(builder))
            {
                await app.StartAsync(Ct);
                await app.StopAsync(Ct);
            }

            var started = lines.Where(line => line.Contains("NEXUS runtime started on", StringComparison.Ordinal)).ShouldHaveSingleItem();
            started.ShouldContain($"(worker: True; {expected})");
            started.ShouldContain(data);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Keeps every formatted message (a real provider, in memory instead of on the console).</summary>
    private sealed class RecordingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new RecordingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class RecordingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
