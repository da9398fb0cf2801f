using System.CommandLine;
using Nexus.Agents.Messaging;
using Nexus.Agents.Scratchpads;
using Nexus.Cli.Live;
using Nexus.Cli.Output;
using Nexus.Cli.Projects;
using Nexus.Cli.Remote;
using Nexus.Cli.Setup;
using Nexus.Workflows.Model;

namespace Nexus.Cli.Commands;

/// <summary><c>nexus submit "description" [options]</c>: puts a project on the submission queue as a task-assignment
/// message — a host's (<c>--server</c>: <c>POST /api/queue</c>) or this data directory's (<c>{data}/submissions.db</c>, which
/// a <c>nexus serve</c> on the same data directory consumes) — and prints the message id, new or duplicate, and the project
/// it starts; <c>--wait</c> then follows that project.</summary>
internal static class SubmitCommand
{
    /// <summary>The longest message id the queue accepts.</summary>
    public const int MaxMessageIdLength = 200;

    private static readonly string[] _priorities = [.. Enum.GetValues<MessagePriority>().Select(MessageJson.Name)];

    /// <summary>How often <c>--wait</c> reads the message's state until the queue has started its project.</summary>
    private static readonly TimeSpan _pollInterval = TimeSpan.FromMilliseconds(500);

    public static Command Create()
    {
        var options = new RunOptions();
        options.Json.Description = "Print one JSON object: the message (with --wait: the project's outcome, as 'run --json' prints it).";
        options.Id.Description = "The project id (default: one derived from the message id, q-xxxxxxxxxxxxxxxx).";
        options.Provider.Description = $"The backend for every agent: {string.Join(", ", Providers.All)} (default: the configured backends of the host that starts it).";
        var messageId = CreateMessageId();
        var priority = new Option<string>("--priority")
        {
            Description = $"The message's priority: {string.Join(", ", _priorities)}; higher ones are started first.",
            HelpName = "P",
            DefaultValueFactory = _ => MessageJson.Name(MessagePriority.Normal),
        };
        priority.AcceptOnlyFromAmong(_priorities);
        var wait = new Option<bool>("--wait") { Description = "Wait until the queue starts the project, then show it live to its end (exit code as 'run')." };
        var command = new Command(
            "submit",
            "Queue a project as a task-assignment message: on the host with --server, else on this data directory's queue, which a " +
            "'nexus serve' on the same data directory starts. Prints the message id, whether it is new or a duplicate, and the project id.");
        options.AddTo(command);
        command.Options.Add(messageId);
        command.Options.Add(priority);
        command.Options.Add(wait);
        CliOptions.AddServer(command);
        CommandAction.Set(command, async (parseResult, cancellationToken) =>
        {
            var request = options.Request(parseResult, options.RequestedProvider(parseResult));
            var projectId = parseResult.GetValue(options.Id);
            Check(request, projectId);
            var id = parseResult.GetValue(messageId) ?? Guid.NewGuid().ToString();
            var json = parseResult.GetValue(options.Json);
            await using var projects = ProjectServices.Open(parseResult, runWorker: false);
            var assignment = SubmissionEnvelope.Create(
                id, Enum.Parse<MessagePriority>(parseResult.GetRequiredValue(priority), ignoreCase: true), request, projectId, projects.TimeProvider);
            var outcome = await projects.SubmitAsync(assignment, cancellationToken);

            // A duplicate is the first message's: its project is the one the queue recorded (none yet when it has not run).
            var project = outcome.Duplicate
                ? (await projects.GetSubmissionAsync(id, cancellationToken))?.ProjectId
                : SubmissionEnvelope.ProjectIdOf(id, projectId);
            if (!parseResult.GetValue(wait))
            {
                await ReportAsync(projects, outcome, project, json);
                return ExitCodes.Success;
            }

            if (!json)
            {
                await ReportAsync(projects, outcome, project, json: false);
                await Console.Out.WriteLineAsync($"waiting for the queue to start it…");
            }

            var started = await WaitForStartAsync(projects, id, cancellationToken);
            return await new ProjectFollower(projects, ProjectFollower.ModeFor(json)).FollowAsync(started, cancellationToken);
        });
        return command;
    }

    private static Option<string?> CreateMessageId()
    {
        var option = new Option<string?>("--message-id")
        {
            Description = "The message id: the same id sent again is a duplicate, never a second project (default: a new GUID).",
            HelpName = "ID",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--message-id needs a value");
            }
            else if (value.Length > MaxMessageIdLength || value.Any(char.IsControl))
            {
                result.AddError($"--message-id must be at most {MaxMessageIdLength} characters without control characters");
            }
        });
        return option;
    }

    // What the queue's consumer would park, refused here instead: nothing is queued on bad input.
    private static void Check(ProjectRequest request, string? projectId)
    {
        try
        {
            ProjectRequestValidator.Validate(request);
            if (projectId is not null)
            {
                ProjectIds.Validate(projectId, "--id");
            }
        }
        catch (ArgumentException e)
        {
            throw new UsageException(ProjectLauncher.WithoutParameterName(e));
        }
    }

    private static async Task ReportAsync(IProjectService projects, SubmissionOutcome outcome, string? project, bool json)
    {
        var local = projects as LocalProjectService;
        if (json)
        {
            await CliJson.WriteAsync(
                Console.Out,
                new SubmitResult(outcome.MessageId, outcome.Duplicate, outcome.State, project, (projects as RemoteProjectService)?.Address, local?.QueueLocation));
            return;
        }

        var where = local is null ? projects.Where : $"in {local.QueueLocation}";
        var to = $"project {project ?? "not started yet"}";
        await Console.Out.WriteLineAsync(outcome.Duplicate
            ? $"message {outcome.MessageId}: duplicate (received before, {outcome.State}) {where}; nothing new queued → {to}"
            : $"message {outcome.MessageId}: new, queued {where} → {to}");
        if (local is not null && !outcome.Duplicate)
        {
            await Console.Out.WriteLineAsync($"a 'nexus serve' on this data directory starts it (then: nexus status {project}{projects.SameTarget})");
        }
    }

    // The queue records the project before it starts it and completes the message once it has: then it can be followed.
    private static async Task<string> WaitForStartAsync(IProjectService projects, string messageId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await projects.GetSubmissionAsync(messageId, cancellationToken)
                ?? throw new InvalidOperationException($"message {messageId} is no longer in the queue {projects.Where}");
            switch (record.State)
            {
                case "dead":
                    throw new InvalidOperationException($"message {messageId} was not started: {record.Reason ?? "parked by the queue"}");
                case "completed" when record.ProjectId is { } projectId:
                    return projectId;
                default:
                    await Task.Delay(_pollInterval, projects.TimeProvider, cancellationToken);
                    break;
            }
        }
    }
}
