using System.CommandLine;
using Nexus.Agents.Roles;
using Nexus.Agents.Sandboxing;
using Nexus.Cli.Setup;
using Nexus.Durable;
using Nexus.Workflows.Model;

namespace Nexus.Cli;

/// <summary>Runs a command's work and turns what can go wrong into a message and an exit code (never a stack trace).</summary>
internal static class CommandAction
{
    /// <summary>Sets <paramref name="action"/> as the command's action, wrapped by <see cref="RunAsync"/>.</summary>
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(() => action(parseResult, cancellationToken)));

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ProviderNotConfiguredException e)
        {
            await ErrorAsync(e.Message);
            foreach (var line in Providers.ConfigurationHint)
            {
                await Console.Error.WriteLineAsync(line);
            }

            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is UsageException or InstanceNotFoundException or InstanceAlreadyExistsException or NotWaitingForApprovalException or ProjectNotRetryableException
            or SandboxUnavailableException or AgentConfigurationException or StoreFormatException)
        {
            await ErrorAsync(e.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            await ErrorAsync("interrupted");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The edge of the program: whatever failed is reported as one line, never as a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await ErrorAsync(Describe(e));
            return ExitCodes.Failed;
        }
    }

    /// <summary>Writes <c>nexus: message</c> on stderr as one line.</summary>
    public static Task ErrorAsync(string message) => Console.Error.WriteLineAsync($"nexus: {Output.TerminalText.EscapeLine(OneLine(message))}");

    /// <summary>The text on one line (newlines become spaces).</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The innermost message usually says what is wrong ("database is locked"), the outer one where.
    private static string Describe(Exception e)
    {
        var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : e;
        return inner.InnerException is { } cause && !string.Equals(cause.Message, inner.Message, StringComparison.Ordinal)
            ? $"{inner.Message} ({cause.Message})"
            : inner.Message;
    }
}
