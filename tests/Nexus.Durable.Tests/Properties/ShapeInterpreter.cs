using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Nexus.Durable.Tests.Properties;

/// <summary>An orchestrator that runs a generated list of steps: activities, fan-outs, sub-orchestrations, timers,
/// GUIDs, custom status, entity calls and races between activities. Its output logs what each step returned.</summary>
public sealed class ShapeInterpreter : TaskOrchestrator<List<Step>, string>
{
    public const string Child = "Child";
    public const string Work = "Work";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, List<Step> input)
    {
        var log = new List<string>();
        foreach (var step in input)
        {
            switch (step.Kind)
            {
                case "activity":
                    log.Add(await context.CallActivityAsync<string>(Work, step.Arg));
                    break;
                case "fanout":
                    var parts = await Task.WhenAll(Enumerable.Range(0, step.Arg).Select(i => context.CallActivityAsync<string>(Work, (step.Arg * 10) + i)));
                    log.Add(string.Join("+", parts));
                    break;
                case "sub":
                    log.Add(await context.CallSubOrchestratorAsync<string>(Child, step.Arg));
                    break;
                case "timer":
                    await context.CreateTimer(context.CurrentUtcDateTime, CancellationToken.None);
                    log.Add("tick");
                    break;
                case "guid":
                    log.Add(context.NewGuid().ToString("N")[..8]);
                    break;
                case "status":
                    context.SetCustomStatus(new { step = step.Arg, so_far = log.Count });
                    break;
                case "entity":
                    var total = await context.Entities.CallEntityAsync<int>(new EntityInstanceId(nameof(Tally), context.InstanceId), nameof(Tally.Add), step.Arg);
                    log.Add(total.ToString(CultureInfo.InvariantCulture));
                    break;
                case "race":
                    var work = context.CallActivityAsync<string>(Work, step.Arg);
                    var winner = await Task.WhenAny(work, context.CallActivityAsync<string>(Work, step.Arg + 1));
                    log.Add(await winner == await work ? "first" : "second");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown step {step.Kind}.");
            }
        }

        return string.Join("|", log);
    }
}
