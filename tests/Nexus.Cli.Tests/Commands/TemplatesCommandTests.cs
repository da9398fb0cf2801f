using Nexus.Cli.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Cli.Tests.Commands;

/// <summary><c>nexus templates</c> and <c>--template</c> on the real program.</summary>
public sealed class TemplatesCommandTests : IDisposable
{
    private readonly NexusCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Templates_BuiltInsAndAUserTemplate_ListsNameSourceAndDescription()
    {
        var user = Path.Combine(_cli.WorkingDirectory, "templates", "go-service");
        Directory.CreateDirectory(user);
        await File.WriteAllTextAsync(Path.Combine(user, "template.json"), """{ "description": "A Go service", "testCommand": "go test ./..." }""", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("templates");

        result.ExitCode.ShouldBe(0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldMatch(@"^NAME\s+SOURCE\s+DESCRIPTION$");
        lines.Skip(1).Take(5).Select(l => l.Split(' ')[0]).ShouldBe(["dotnet-webapi", "go-service", "node-http-api", "node-library", "python-package"]);
        lines.ShouldContain(l => l.StartsWith("node-library ", StringComparison.Ordinal) && l.Contains(" built-in ") && l.Contains("Node.js library"));
        lines.ShouldContain(l => l.StartsWith("go-service ", StringComparison.Ordinal) && l.Contains(user) && l.EndsWith("A Go service", StringComparison.Ordinal));
        lines[^1].ShouldBe($"user templates: {Path.Combine(_cli.WorkingDirectory, "templates")}");
    }

    [Fact]
    public async Task Templates_Json_HasTestCommandsAndScaffoldFiles()
    {
        var result = await _cli.RunAsync("templates", "--json");

        result.ExitCode.ShouldBe(0, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var python = json.RootElement.GetProperty("templates").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "python-package");
        python.GetProperty("source").GetString().ShouldBe("built-in");
        python.GetProperty("testCommand").GetString().ShouldBe("python3 -m unittest discover -s tests -t . -v");
        python.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ShouldContain("tests/test_package.py");
    }

    [Theory]
    [InlineData("run", "build it", "--provider", "replay", "--template", "cobol-batch")]
    [InlineData("execute", "--task", "build it", "--provider", "replay", "--template", "cobol-batch")]
    public async Task Run_UnknownTemplate_ExitsWith2AndListsTheKnownOnes(params string[] arguments)
    {
        var result = await _cli.RunAsync(arguments);

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldBe(
            "nexus: template: unknown template 'cobol-batch' (known: dotnet-webapi, node-http-api, node-library, python-package).");
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_BadTemplateName_ExitsWith2()
    {
        var result = await _cli.RunAsync("run", "build it", "--provider", "replay", "--template", "../etc");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.StderrLines.ShouldHaveSingleItem().ShouldStartWith("nexus: template: use 1–64 lowercase letters");
    }
}
