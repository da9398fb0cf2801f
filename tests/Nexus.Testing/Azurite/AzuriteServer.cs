using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Nexus.Testing.Azurite;

/// <summary>
/// The Azurite (Azure Storage emulator) the tests of this process share: installed by <c>scripts/install-azurite.sh</c>
/// into <c>.tools/azurite</c> when missing, started on first use on free loopback ports with its data in a temporary
/// folder, and stopped when this process exits — or, when it is killed, by a watcher that sees it gone.
/// </summary>
/// <remarks>Tests isolate themselves by name (a unique container, queue or task hub per test), not by server.</remarks>
public sealed partial class AzuriteServer
{
    /// <summary>Azurite's well-known development account.</summary>
    public const string AccountName = "devstoreaccount1";

    // The well-known development storage key, published in Azurite's documentation: not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<AzuriteServer>> _shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private AzuriteServer(int blobPort, int queuePort, int tablePort)
    {
        BlobEndpoint = new Uri($"http://127.0.0.1:{blobPort}/{AccountName}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queuePort}/{AccountName}");
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
    }

    /// <summary>A connection string with the blob, queue and table endpoints of this server.</summary>
    public string ConnectionString { get; }

    /// <summary>The blob service endpoint (with the account in the path).</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The queue service endpoint.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The table service endpoint.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>The process-wide server, started on first use.</summary>
    public static Task<AzuriteServer> GetAsync() => _shared.Value;

    /// <summary>A name unique to one test, valid for a container, queue or task hub (lowercase letters and digits).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private static async Task<AzuriteServer> StartAsync()
    {
        var root = RepositoryRoot.Find();
        var binary = await InstallAsync(root);
        var location = Path.Combine(Path.GetTempPath(), "nexus-azurite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(location);

        // bash keeps Azurite and a watcher together: when this process is gone (even killed), the watcher stops Azurite
        // and removes its data.
        var script =
            "\"$1\" --silent --disableTelemetry --skipApiVersionCheck --loose --location \"$2\" " +
            "--blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 --tableHost 127.0.0.1 --tablePort 0 & " +
            "server=$!; (while kill -0 \"$3\" 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 1; done; " +
            "kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf \"$2\") >/dev/null 2>&1 & wait $server";
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", script, "azurite", binary, location, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash for Azurite.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"Azurite exited before it listened: {output}"));
                return;
            }

            lock (ports)
            {
                output.AppendLine(e.Data);
                if (ListeningLine().Match(e.Data) is { Success: true } match)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (ports)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, location);
        return new AzuriteServer(ports["Blob"], ports["Queue"], ports["Table"]);
    }

    private static void Stop(Process process, string location)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            Directory.Delete(location, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            // Best effort: the watcher removes what is left.
        }
    }

    private static async Task<string> InstallAsync(string root)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(root, "scripts", "install-azurite.sh"));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var binary = (await output).Trim();
        return process.ExitCode == 0 && File.Exists(binary)
            ? binary
            : throw new InvalidOperationException($"scripts/install-azurite.sh failed (exit {process.ExitCode}): {(await error).Trim()}");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
