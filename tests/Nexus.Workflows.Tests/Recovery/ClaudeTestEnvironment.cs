using Nexus.Testing.Claude;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>The environment of a <c>nexus</c> child process whose <c>claude</c> agents talk to a fake Anthropic API: Claude
/// Code pointed at the fake and kept off the network, with its own config folder and home under <c>root</c>.</summary>
internal static class ClaudeTestEnvironment
{
    public static Dictionary<string, string?> For(FakeAnthropicServer api, string claudeExecutable, string root)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ANTHROPIC_BASE_URL"] = api.BaseAddress.ToString().TrimEnd('/'),
            ["ANTHROPIC_API_KEY"] = "test",
            ["CLAUDE_CONFIG_DIR"] = Directory.CreateDirectory(Path.Combine(root, "claude-config")).FullName,
            ["HOME"] = Directory.CreateDirectory(Path.Combine(root, "home")).FullName,
            ["CLAUDE_CODE_MAX_RETRIES"] = "0",
            ["API_TIMEOUT_MS"] = "60000",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
            ["DISABLE_ERROR_REPORTING"] = "1",
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["NEXUS_CLAUDE_PATH"] = claudeExecutable,
            ["NO_PROXY"] = "127.0.0.1,localhost",
        };
        foreach (var name in (string[])["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "CLAUDE_CODE_USE_BEDROCK",
                     "CLAUDE_CODE_USE_VERTEX", "CLAUDECODE", "CLAUDE_CODE_ENTRYPOINT", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
                     "OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT"])
        {
            environment[name] = null;
        }

        return environment;
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago (for <c>nexus serve --port</c>).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
