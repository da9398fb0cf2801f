using System.Net;
using System.Net.Sockets;
using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Remote;

/// <summary>What goes wrong with <c>--server</c> is one stderr line that says what to do, never a stack trace and never the
/// API key: a refused or missing key and an unreachable host exit 1, a bad URL exits 2, an unknown project reads as on the
/// local store (exit 2), any other problem details answer shows its title and detail (exit 1).</summary>
public sealed class RemoteErrorTests(RemoteHost host)
{
    private const string WrongKey = "wrong-key-Zx81QpL0";

    public static TheoryData<string[]> UnknownProjectCommands => new(
        ["status", "p-nope"],
        ["history", "p-nope"],
        ["agents", "p-nope"],
        ["cancel", "p-nope"],
        ["approve", "p-nope"],
        ["purge", "p-nope"],
        ["resume", "p-nope"]);

    public static TheoryData<string[], string> BadUsage => new()
    {
        { ["list", "--server", "ftp://example.com"], "--server must be an http:// or https:// URL" },
        { ["list", "--server", "not a url"], "--server must be an http:// or https:// URL" },
        { ["list", "--server", ""], "--server needs a URL" },
        { ["list", "--server", "http://me:s3cret-pass@127.0.0.1:1"], "--server must not carry credentials" },
        { ["list", "--server", "http://127.0.0.1:1", "--data", "somewhere"], "--server and --data do not go together" },
        { ["list", "--server", "http://127.0.0.1:1", "--store", "sqlite"], "--server and --store do not go together" },
        { ["status", "p-1", "--api-key", "k"], "--api-key only applies with --server" },
        { ["submit"], "Required argument missing" },
        { ["submit", "x", "--priority", "urgent"], "urgent" },
        { ["submit", "x", "--message-id", " "], "--message-id needs a value" },
    };

    [Theory]
    [MemberData(nameof(UnknownProjectCommands))]
    public async Task UnknownProject_Server_ReadsAsOnTheLocalStoreAndExits2(string[] arguments)
    {
        var result = await host.RunAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: no project with id 'p-nope' on {host.Url}");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task WrongApiKey_Server_SaysTheKeyWasRefusedWithoutPrintingIt()
    {
        var option = await host.RunAsync(["list", "--api-key", WrongKey]);
        var environment = await host.RunAsync(["status", "p-1"], new Dictionary<string, string?> { ["NEXUS_API_KEY"] = WrongKey });

        foreach (var result in new[] { option, environment })
        {
            result.ExitCode.ShouldBe(1, result.ToString());
            result.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: the server at {host.Url} refused the API key (401 Unauthorized); check --api-key or NEXUS_API_KEY");
            (result.Stdout + result.Stderr).ShouldNotContain(WrongKey);
        }
    }

    [Fact]
    public async Task NoApiKey_Server_SaysOneIsNeeded()
    {
        var result = await host.RunAsync(["list"], new Dictionary<string, string?> { ["NEXUS_API_KEY"] = null });

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe($"nexus: the server at {host.Url} needs an API key (401 Unauthorized); pass --api-key KEY or set NEXUS_API_KEY");
    }

    [Fact]
    public async Task UnreachableServer_SaysSoInOneLine()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var list = await host.RunRawAsync(["list", "--server", url]);
        var run = await host.RunRawAsync(["demo", "--server", url]);

        foreach (var result in new[] { list, run })
        {
            result.ExitCode.ShouldBe(1, result.ToString());
            result.StderrLines.ShouldHaveSingleItem().ShouldStartWith($"nexus: cannot reach the server at {url}: ");
            result.Stderr.ShouldNotContain("   at ");
            result.Stdout.ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task ProblemDetails_Server_ShowsTitleAndDetailInOneLine()
    {
        // A valid id on the local store ('.' is allowed there) that the host refuses: its 400 problem details are the message.
        var result = await host.RunAsync(["status", "my.project"]);

        result.ExitCode.ShouldBe(1, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe("nexus: Bad Request (400): id: a project id is 1–64 ASCII letters, digits, '_' or '-'.");
    }

    [Fact]
    public async Task NexusServerVariable_PointsTheCommandsAtTheHost()
    {
        var result = await host.RunRawAsync(["list", "--json"], new Dictionary<string, string?> { ["NEXUS_SERVER"] = host.Url });

        result.ExitCode.ShouldBe(0, result.ToString());
        RemoteHost.Json(result).GetProperty("server").GetString().ShouldBe(host.Url);
    }

    [Theory]
    [MemberData(nameof(BadUsage))]
    public async Task BadServerUsage_Exits2WithOneLine(string[] arguments, string expected)
    {
        var result = await host.RunRawAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("nexus: ");
        result.Stderr.ShouldContain(expected);
        result.Stderr.ShouldNotContain("s3cret-pass");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Help_ProjectCommandsOfferServerAndApiKey_SubmitItsOptions()
    {
        var status = await host.RunRawAsync(["status", "--help"]);
        var submit = await host.RunRawAsync(["submit", "--help"]);

        status.ExitCode.ShouldBe(0, status.ToString());
        status.Stdout.ShouldContain("--server <URL>");
        status.Stdout.ShouldContain("--api-key <KEY>");
        submit.ExitCode.ShouldBe(0, submit.ToString());
        foreach (var option in new[] { "--message-id", "--priority", "--wait", "--server", "--provider", "--approve-plan" })
        {
            submit.Stdout.ShouldContain(option);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
