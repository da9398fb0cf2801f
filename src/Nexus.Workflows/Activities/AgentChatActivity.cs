using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends;
using Nexus.Agents.Processes;
using Nexus.Agents.Roles;
using Nexus.Agents.Scratchpads;
using Microsoft.DurableTask;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Live;

namespace Nexus.Workflows.Activities;

/// <summary>A conversational turn with an agent in a throw-away clone of the project's workspace (edits are discarded).</summary>
/// <remarks>A retried attempt clones again from the workspace's current HEAD and forks the session again, so an interrupted
/// attempt leaves nothing behind.</remarks>
public sealed class AgentChatActivity(WorkflowServices services, AgentCatalog catalog, CancellationToken cancellation) : TaskActivity<AgentChatInput, AgentStepResult>
{
    public const string Name = "AgentChat";

    public override async Task<AgentStepResult> RunAsync(TaskActivityContext context, AgentChatInput input)
    {
        var ct = cancellation;
        var chatDirectory = Path.Combine(services.Options.ProjectDirectory(input.ProjectId), "chat", context.InstanceId.Replace(':', '_'));
        DeleteQuietly(chatDirectory);
        try
        {
            await CloneWorkspaceAsync(input.ProjectId, chatDirectory, ct).ConfigureAwait(false);
            var agent = catalog.Get(input.AgentId);
            if (input.Request.Provider is { } provider)
            {
                agent = agent with { Backend = provider.ToLowerInvariant() };
            }

            if (input.Request.Model is { } model)
            {
                agent = agent with { Model = model };
            }

            var pads = new List<Scratchpad>();
            foreach (var name in StepPrompts.ReadsFor(input.AgentId))
            {
                if (await services.Scratchpads.ReadAsync(input.ProjectId, name, ct).ConfigureAwait(false) is { } pad)
                {
                    pads.Add(pad);
                }
            }

            var backend = services.Backends.Get(agent.Backend, input.Request.Scenario, input.Request.ReplayDelay);
            var prompt = $"# NEXUS conversation\n\n{StepPrompts.Brief(input.Request)}\n"
                + string.Concat(pads.Select(p => $"## Scratchpad `{p.Name}`\n\n{p.Markdown.Trim()}\n\n"))
                + $"## The person asks\n\n{input.Message.Trim()}\n\nAnswer the person. Read the code if it helps; do not change any file.\n";
            var stepKey = $"chat/{input.AgentId}/{input.Turn:000}";
            var request = new AgentTurnRequest
            {
                Agent = agent,
                Prompt = prompt,
                WorkspacePath = chatDirectory,
                StepKey = stepKey,
                TurnNumber = input.Turn,
                SessionId = input.SessionId,
                ForkSession = input.SessionId is not null,
                SessionSeed = string.Join("\n\n", pads.Select(p => p.Markdown)),
                Sandbox = StepSandbox.Create(services, input.ProjectId, $"chat-{input.AgentId}-{input.Turn:000}", chatDirectory),
                ConfigDirectory = services.Options.AgentConfigDirectory(input.ProjectId),
                Progress = new LiveActivityProgress(services.Activity, services.Redactor, input.ProjectId, agent.Id, agent.Name, stepKey),
            };
            using var slot = await services.Gate.EnterAsync(backend.Name, ct).ConfigureAwait(false);
            var runner = new AgentTurnRunner(new AgentBackendRegistry(backend), timeProvider: services.Time, redactor: services.Redactor);
            var result = await runner.RunAsync(request, ct).ConfigureAwait(false);
            return AgentStepResult.FromTurn(result) with { Text = services.Redactor.Redact(result.Text) };
        }
        finally
        {
            DeleteQuietly(chatDirectory);
        }
    }

    private async Task CloneWorkspaceAsync(string projectId, string target, CancellationToken cancellationToken)
    {
        var workspace = services.Options.WorkspaceDirectory(projectId);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!Directory.Exists(Path.Combine(workspace, ".git")))
        {
            Directory.CreateDirectory(target);
            return;
        }

        var outcome = await new ProcessRunner(services.Time).RunAsync(
            new ProcessSpec
            {
                FileName = "git",
                Arguments = ["clone", "--quiet", "--no-hardlinks", "--", workspace, target],
                WorkingDirectory = Path.GetDirectoryName(target)!,
                Timeout = TimeSpan.FromMinutes(2),
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.ExitCode != 0)
        {
            throw new IOException($"git clone of the workspace failed ({outcome.ExitCode}): {services.Redactor.Redact(outcome.Stderr.Trim())}");
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
