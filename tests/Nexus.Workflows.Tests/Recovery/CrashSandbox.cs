using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Workflows.Tests.Support;
using Nexus.Hosting;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>One crash test's world in a temp folder: the data directory the <c>nexus</c> processes share, the working
/// directory they run in, and a reader on the same store (no worker; SQLite lets it read while a child process works).</summary>
internal sealed class CrashSandbox : IAsyncDisposable
{
    private CrashSandbox(string root, NexusRuntime reader)
    {
        Root = root;
        Reader = reader;
    }

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>Where the <c>nexus</c> processes run (and where a <c>nexus.agents.yaml</c> is looked for).</summary>
    public string WorkingDirectory => Path.Combine(Root, "cwd");

    public string DatabasePath => Path.Combine(DataDirectory, "nexus.db");

    /// <summary>A runtime without a worker on the data directory: it only reads.</summary>
    public NexusRuntime Reader { get; }

    public ProjectClient Projects => Reader.Projects;

    /// <summary>Creates the folders and opens the reader first, so the store exists before any child process starts.</summary>
    public static async Task<CrashSandbox> CreateAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("nexus-crash-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "cwd"));
        var reader = await NexusRuntime.StartAsync(
            new NexusOptions { DataDirectory = Path.Combine(root, "data"), RunWorker = false, ScenariosDirectory = WorkflowFixture.SamplesDirectory },
            cancellationToken);
        return new CrashSandbox(root, reader);
    }

    public string WorkspaceOf(string projectId) => Reader.Options.WorkspaceDirectory(projectId);

    /// <summary>Polls the project's live view until <paramref name="condition"/> holds; fails early when <paramref name="owner"/> exits.</summary>
    public async Task<ProjectView> WaitUntilAsync(
        string projectId, Func<ProjectView, bool> condition, string what, NexusProcess owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ProjectView? last = null;
        await Eventually.UntilAsync(
            async () =>
            {
                if (owner.Exited.IsCompleted)
                {
                    throw new InvalidOperationException($"The process ended before {what}: {owner.Describe()}");
                }

                last = await Projects.GetAsync(projectId, cancellationToken: cancellationToken);
                return last is not null && condition(last);
            },
            what,
            cancellationToken,
            timeout);
        return last!;
    }

    public async ValueTask DisposeAsync()
    {
        await Reader.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A killed process may have left a file open for a moment; the temp folder is the system's to clean.
        }
    }
}
