using Nexus.Agents.Backends.Claude;
using Nexus.Agents.Processes;
using Xunit;

namespace Nexus.Testing.Claude;

/// <summary>
/// Makes sure the real Claude Code CLI is installed in the repository (<c>.tools/claude</c>), running
/// <c>scripts/install-claude.sh</c> when it is missing. The tests never skip: a machine without the CLI installs it.
/// </summary>
/// <remarks>Several test projects use it and run at once, so the install holds a lock file across processes.</remarks>
public sealed class ClaudeCliFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim _installLock = new(1, 1);

    /// <summary>The <c>claude</c> binary the tests run.</summary>
    public string ExecutablePath { get; private set; } = string.Empty;

    /// <summary>The repository root (the folder with <c>scripts/install-claude.sh</c>).</summary>
    public string RepositoryRoot { get; } = Nexus.Testing.RepositoryRoot.Find();

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var binary = Path.Combine(RepositoryRoot, ClaudeCodeOptions.RepositoryLocalExecutable);
        await _installLock.WaitAsync();
        try
        {
            using var crossProcess = File.Exists(binary) ? null : await LockAcrossProcessesAsync(Path.Combine(RepositoryRoot, ".tools", "claude-install.lock"));
            if (!File.Exists(binary))
            {
                var outcome = await new ProcessRunner().RunAsync(new ProcessSpec
                {
                    FileName = "bash",
                    Arguments = [Path.Combine(RepositoryRoot, "scripts", "install-claude.sh")],
                    WorkingDirectory = RepositoryRoot,
                    Timeout = TimeSpan.FromMinutes(8),
                });
                if (outcome.ExitCode != 0 || !File.Exists(binary))
                {
                    throw new InvalidOperationException(
                        $"scripts/install-claude.sh failed (exit {outcome.ExitCode}, timed out {outcome.TimedOut}):\n{outcome.Stdout}\n{outcome.Stderr}");
                }
            }
        }
        finally
        {
            _installLock.Release();
        }

        ExecutablePath = binary;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // An exclusively opened file: released when disposed or when the process dies.
    private static async Task<FileStream> LockAcrossProcessesAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
