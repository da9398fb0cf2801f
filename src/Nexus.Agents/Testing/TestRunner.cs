using Nexus.Agents.Processes;
using Nexus.Agents.Security;

namespace Nexus.Agents.Testing;

/// <summary>Runs a workspace's tests as a real process and reads the result from the output.</summary>
/// <remarks>
/// The command is <see cref="TestRunOptions.Command"/> (through <c>sh -c</c>) or what <see cref="TestCommandDetector"/> finds;
/// a pytest project runs under <c>python3 -m unittest discover</c> when pytest is not installed. The test process starts
/// from an allow-listed environment (<see cref="Sandboxing.AgentEnvironment.Basics"/>, quiet settings and
/// <see cref="TestRunOptions.Environment"/>): none of this process's keys, tokens or passwords reach it. With
/// <see cref="TestRunOptions.Sandbox"/> it runs confined to the workspace. The log and failure messages are redacted before
/// they are returned.
/// </remarks>
public sealed class TestRunner : ITestRunner
{
    /// <summary>The most failures a result lists.</summary>
    public const int MaxFailures = 100;

    /// <summary>The longest failure message a result keeps, in characters.</summary>
    public const int MaxFailureMessageLength = 2000;

    private static readonly TimeSpan _probeTimeout = TimeSpan.FromSeconds(60);

    private readonly IProcessRunner _processRunner;
    private readonly SecretRedactor _redactor;

    /// <summary>Creates a runner; defaults: a <see cref="ProcessRunner"/> and <see cref="SecretRedactor.FromEnvironment"/>.</summary>
    public TestRunner(IProcessRunner? processRunner = null, SecretRedactor? redactor = null)
    {
        _processRunner = processRunner ?? new ProcessRunner();
        _redactor = redactor ?? SecretRedactor.FromEnvironment();
    }

    /// <inheritdoc />
    public async Task<TestRunResult> RunAsync(string workspaceDirectory, TestRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceDirectory);
        options ??= new TestRunOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.OutputLimitBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.LogTailBytes);
        if (!Directory.Exists(workspaceDirectory))
        {
            throw new DirectoryNotFoundException($"The workspace '{workspaceDirectory}' does not exist.");
        }

        var environment = TestEnvironment.Build(options.Environment);
        var command = options.Command is { } configured ? TestCommand.Shell(configured) : TestCommandDetector.Detect(workspaceDirectory);
        if (command is null)
        {
            return NothingToRun("No test command was configured and none could be detected from the workspace's files " +
                "(*.sln/*.csproj, package.json with a test script, *.test.js, pytest/test_*.py, go.mod, Cargo.toml).");
        }

        if (command.Framework == TestFramework.Pytest && !await IsPytestInstalledAsync(workspaceDirectory, environment, options.Sandbox, cancellationToken))
        {
            command = TestCommandDetector.Unittest;
        }

        var stdout = new OutputTail(options.OutputLimitBytes);
        var stderr = new OutputTail(options.OutputLimitBytes);
        var log = new OutputTail(options.LogTailBytes);
        var spec = new ProcessSpec
        {
            FileName = command.FileName,
            Arguments = command.Arguments,
            WorkingDirectory = workspaceDirectory,
            Environment = environment,
            InheritEnvironment = false,
            Timeout = options.Timeout,
            OutputLimitBytes = 0,
            MeasureResources = true,
            OnStdoutLine = line =>
            {
                stdout.Add(line);
                log.Add(line);
            },
            OnStderrLine = line =>
            {
                stderr.Add(line);
                log.Add(line);
            },
        };

        ProcessOutcome outcome;
        try
        {
            outcome = await _processRunner.RunAsync(options.Sandbox?.Apply(spec) ?? spec, cancellationToken);
        }
        catch (FileNotFoundException ex)
        {
            return NothingToRun($"The test command '{command.Display}' could not be started: {ex.Message}") with
            {
                Command = command.Display,
                Framework = command.Framework,
                ExitCode = 127,
            };
        }

        var parsed = TestOutputParsers.Parse(command.Framework, stdout.Text(markDropped: false) + "\n" + stderr.Text(markDropped: false));
        return new TestRunResult
        {
            Command = command.Display,
            Framework = command.Framework,
            ExitCode = outcome.ExitCode,
            Passed = parsed.Passed,
            Failed = parsed.Failed,
            Skipped = parsed.Skipped,
            Failures = [.. parsed.Failures.Take(MaxFailures).Select(Redact)],
            Duration = outcome.Duration,
            Resources = outcome.Resources,
            Log = _redactor.Redact(log.Text(markDropped: true)),
            TimedOut = outcome.TimedOut,
        };
    }

    private async Task<bool> IsPytestInstalledAsync(
        string directory, Dictionary<string, string?> environment, Sandboxing.IProcessSandbox? sandbox, CancellationToken cancellationToken)
    {
        var probe = new ProcessSpec
        {
            FileName = "python3",
            Arguments = ["-m", "pytest", "--version"],
            WorkingDirectory = directory,
            Environment = environment,
            InheritEnvironment = false,
            Timeout = _probeTimeout,
        };
        try
        {
            var outcome = await _processRunner.RunAsync(sandbox?.Apply(probe) ?? probe, cancellationToken);
            return outcome.ExitCode == 0 && !outcome.TimedOut;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
    }

    private TestFailure Redact(TestFailure failure)
    {
        var message = _redactor.Redact(failure.Message);
        return new TestFailure(
            _redactor.Redact(failure.Name),
            message.Length <= MaxFailureMessageLength ? message : message[..MaxFailureMessageLength] + " …");
    }

    private static TestRunResult NothingToRun(string reason) => new()
    {
        Command = string.Empty,
        Framework = TestFramework.None,
        ExitCode = -1,
        Failures = [new TestFailure("(no tests run)", reason)],
        Log = reason,
    };
}
