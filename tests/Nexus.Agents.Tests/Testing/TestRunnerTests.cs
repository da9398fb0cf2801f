using System.Diagnostics;
using Nexus.Agents.Processes;
using Nexus.Agents.Security;
using Nexus.Agents.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Testing;

public sealed class TestRunnerTests
{
    private const string PassingNodeTest = """
        const test = require('node:test');
        const assert = require('node:assert');
        test('adds', () => assert.strictEqual(1 + 1, 2));
        test('concatenates', () => assert.strictEqual('a' + 'b', 'ab'));
        """;

    private const string FailingNodeTest = """
        const test = require('node:test');
        const assert = require('node:assert');
        test('adds', () => assert.strictEqual(1 + 1, 2));
        test('divides', () => assert.strictEqual(4 / 2, 3));
        test('later', { skip: true }, () => {});
        """;

    private readonly TestRunner _runner = new(new ProcessRunner(), new SecretRedactor(["sk-this-is-a-configured-secret"]));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_PassingNodeProject_Succeeds()
    {
        using var workspace = new TestWorkspace(("math.test.js", PassingNodeTest));

        var result = await _runner.RunAsync(workspace.Directory, cancellationToken: Token);

        result.Command.ShouldBe("node --test --test-reporter=tap");
        result.Framework.ShouldBe(TestFramework.NodeTest);
        result.ExitCode.ShouldBe(0);
        (result.Passed, result.Failed, result.Skipped).ShouldBe((2, 0, 0));
        result.Failures.ShouldBeEmpty();
        result.Succeeded.ShouldBeTrue();
        result.TimedOut.ShouldBeFalse();
        result.Log.ShouldContain("# pass 2");
        result.Duration.ShouldBeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task RunAsync_FailingNodeProject_ReportsTheFailureAndItsMessage()
    {
        using var workspace = new TestWorkspace(("test/math.test.js", FailingNodeTest));

        var result = await _runner.RunAsync(workspace.Directory, cancellationToken: Token);

        result.ExitCode.ShouldNotBe(0);
        (result.Passed, result.Failed, result.Skipped).ShouldBe((1, 1, 1));
        var failure = result.Failures.ShouldHaveSingleItem();
        failure.Name.ShouldBe("divides");
        failure.Message.ShouldContain("2 !== 3");
        result.Succeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_NpmTestScript_RunsItAndParsesTheOutput()
    {
        using var workspace = new TestWorkspace(
            ("package.json", """{ "name": "calc", "version": "1.0.0", "scripts": { "test": "node --test" } }"""),
            ("math.test.js", FailingNodeTest));

        var result = await _runner.RunAsync(workspace.Directory, cancellationToken: Token);

        result.Command.ShouldBe("npm test");
        result.Framework.ShouldBe(TestFramework.Npm);
        (result.Passed, result.Failed).ShouldBe((1, 1));
        result.Failures.ShouldHaveSingleItem().Name.ShouldBe("divides");
    }

    [Fact]
    public async Task RunAsync_PythonProject_UsesPytestOrFallsBackToUnittest()
    {
        using var workspace = new TestWorkspace(("test_calc.py", """
            import unittest
            class TestCalc(unittest.TestCase):
                def test_add(self): self.assertEqual(1 + 1, 2)
                def test_divide(self): self.assertEqual(4 / 2, 3)
                def test_error(self): raise ValueError("bad value")
                @unittest.skip("later")
                def test_skip(self): pass
            """));
        var pytestInstalled = (await new ProcessRunner().RunAsync(
            new ProcessSpec { FileName = "python3", Arguments = ["-m", "pytest", "--version"], WorkingDirectory = workspace.Directory }, Token)).ExitCode == 0;

        var result = await _runner.RunAsync(workspace.Directory, cancellationToken: Token);

        result.Framework.ShouldBe(pytestInstalled ? TestFramework.Pytest : TestFramework.Unittest);
        result.Command.ShouldBe(pytestInstalled ? "python3 -m pytest -rfE -p no:cacheprovider" : "python3 -m unittest discover");
        (result.Passed, result.Failed, result.Skipped).ShouldBe((1, 2, 1));
        result.Failures.Select(f => f.Message).ShouldContain(message => message.Contains("bad value"));
        result.Succeeded.ShouldBeFalse();
        Directory.Exists(Path.Combine(workspace.Directory, "__pycache__")).ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_HangingCommand_IsKilledAtTheTimeout()
    {
        using var workspace = new TestWorkspace();
        var watch = Stopwatch.StartNew();

        var result = await _runner.RunAsync(
            workspace.Directory, new TestRunOptions { Command = "echo started; sleep 600", Timeout = TimeSpan.FromSeconds(1) }, Token);

        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
        result.TimedOut.ShouldBeTrue();
        result.Succeeded.ShouldBeFalse();
        result.Log.ShouldContain("started");
        result.Command.ShouldBe("sh -c 'echo started; sleep 600'");
    }

    [Fact]
    public async Task RunAsync_TestProcess_SeesOnlyTheAllowListedEnvironment()
    {
        var id = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        string[] secretNames = [$"NEXUS_T{id}", $"ANTHROPIC_T{id}", $"OPENAI_T{id}", $"AZURE_T{id}", $"MY_{id}_KEY", $"MY_{id}_TOKEN", $"MY_{id}_SECRET", $"DB_{id}_PASSWORD"];
        var plainName = $"PLAIN_{id}";
        try
        {
            foreach (var name in secretNames)
            {
                Environment.SetEnvironmentVariable(name, "value-" + name);
            }

            // Not a secret by its name, and still not passed: the environment is allow-listed, not strip-listed.
            Environment.SetEnvironmentVariable(plainName, "host-only");
            using var workspace = new TestWorkspace();

            var result = await _runner.RunAsync(
                workspace.Directory, new TestRunOptions { Command = "env", Environment = new Dictionary<string, string?> { ["EXTRA_SETTING"] = "on" } }, Token);

            result.ExitCode.ShouldBe(0);
            result.Log.ShouldNotContain(plainName);
            result.Log.ShouldContain("PATH=");
            result.Log.ShouldContain("EXTRA_SETTING=on");
            result.Log.ShouldContain("CI=true");
            foreach (var name in secretNames)
            {
                result.Log.ShouldNotContain(name);
            }
        }
        finally
        {
            foreach (var name in secretNames.Append(plainName))
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public async Task RunAsync_OutputWithSecrets_IsRedactedInLogAndFailures()
    {
        using var workspace = new TestWorkspace(("leak.test.js", """
            const test = require('node:test');
            test('leaks', () => { console.log('key sk-this-is-a-configured-secret'); throw new Error('bad key sk-ant-api03-abcdefghijklmnop0123'); });
            """));

        var result = await _runner.RunAsync(workspace.Directory, cancellationToken: Token);

        result.Failures.ShouldHaveSingleItem().Message.ShouldBe("bad key [REDACTED]");
        result.Log.ShouldNotContain("sk-this-is-a-configured-secret");
        result.Log.ShouldNotContain("sk-ant-api03");
    }

    [Fact]
    public async Task RunAsync_LongOutput_KeepsTheTailInTheLogAndStillParsesTheSummary()
    {
        using var workspace = new TestWorkspace();

        var result = await _runner.RunAsync(
            workspace.Directory,
            new TestRunOptions { Command = "seq 1 20000; echo '==== 1 failed, 7 passed in 0.5s ===='", LogTailBytes = 200 },
            Token);

        (result.Passed, result.Failed).ShouldBe((7, 1));
        result.Log.ShouldStartWith("[… ");
        result.Log.ShouldContain("20000\n==== 1 failed, 7 passed in 0.5s ====");
        result.Log.Length.ShouldBeLessThan(300);
    }

    [Fact]
    public async Task RunAsync_NoTestsInWorkspace_ReportsWhyAndDoesNotSucceed()
    {
        using var workspace = new TestWorkspace(("README.md", "# nothing"));

        var result = await _runner.RunAsync(workspace.Directory, cancellationToken: Token);

        result.Framework.ShouldBe(TestFramework.None);
        result.Command.ShouldBeEmpty();
        result.Succeeded.ShouldBeFalse();
        result.Failures.ShouldHaveSingleItem().Message.ShouldContain("none could be detected");
    }

    [Fact]
    public async Task RunAsync_ConfiguredCommandThatIsMissing_FailsWithExitCode127()
    {
        using var workspace = new TestWorkspace();

        var result = await _runner.RunAsync(workspace.Directory, new TestRunOptions { Command = "nexus-no-such-test-tool --all" }, Token);

        result.ExitCode.ShouldBe(127);
        result.Succeeded.ShouldBeFalse();
        result.Log.ShouldContain("not found");
    }

    [Fact]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var workspace = new TestWorkspace();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Should.ThrowAsync<OperationCanceledException>(() =>
            _runner.RunAsync(workspace.Directory, new TestRunOptions { Command = "sleep 600" }, cancellation.Token));
    }
}
