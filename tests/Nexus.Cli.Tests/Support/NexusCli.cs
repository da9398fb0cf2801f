using Xunit;

namespace Nexus.Cli.Tests.Support;

/// <summary>Runs the real built <c>nexus</c> as a child process, in a temporary working directory with its own data directory.</summary>
internal sealed class NexusCli : IDisposable
{
    /// <summary>The longest a command may take in these tests before it counts as hung.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public NexusCli()
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("nexus-cli-").FullName;
        DataDirectory = Path.Combine(WorkingDirectory, "data");
    }

    public string WorkingDirectory { get; }

    /// <summary>Passed as <c>--data</c> by <see cref="RunAsync"/>.</summary>
    public string DataDirectory { get; }

    /// <summary>Runs <c>nexus {arguments} --data {DataDirectory}</c> to its end.</summary>
    public Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, null);

    public async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        await using var process = Start(arguments, environment);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(Timeout);
        return await process.WaitForExitAsync(limit.Token);
    }

    /// <summary>Starts <c>nexus {arguments} --data {DataDirectory}</c>.</summary>
    public CliProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        CliProcess.Start([.. arguments, "--data", DataDirectory], WorkingDirectory, environment);

    /// <summary>Runs without adding <c>--data</c> (for usage errors, where the arguments themselves are the test).</summary>
    public async Task<CliResult> RunRawAsync(IEnumerable<string> arguments)
    {
        await using var process = CliProcess.Start(arguments, WorkingDirectory);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(Timeout);
        return await process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A workspace file still held by a dying child: the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // Read-only git objects on some systems: same.
        }
    }
}
