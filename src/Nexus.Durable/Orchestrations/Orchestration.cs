namespace Nexus.Durable.Orchestrations;

/// <summary>An orchestration: deterministic code that schedules activities, timers, sub-orchestrations and entity
/// operations, and is replayed from its history after every await.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
/// <remarks>
/// <para>Rules (the engine detects most breaches and fails the instance with a clear message):</para>
/// <list type="bullet">
/// <item>Only await tasks returned by the <see cref="OrchestrationContext"/> (and <c>Task.WhenAll</c>/<c>WhenAny</c> of them).
/// No <c>Task.Delay</c>, <c>Task.Run</c>, I/O or <c>ConfigureAwait(false)</c>.</item>
/// <item>Read time with <see cref="OrchestrationContext.CurrentUtcDateTime"/>, make GUIDs with
/// <see cref="OrchestrationContext.NewGuid"/>, log with <see cref="OrchestrationContext.CreateReplaySafeLogger"/>.</item>
/// <item>Do side effects (network, files, processes, randomness) in activities.</item>
/// <item>Changing the code of running instances so that it schedules different work is reported as non-determinism.</item>
/// </list>
/// </remarks>
public abstract class Orchestration<TInput, TOutput> : OrchestrationBase
{
    /// <summary>Runs the orchestration.</summary>
    public abstract Task<TOutput> RunAsync(OrchestrationContext context, TInput input);

    internal override Type InputType => typeof(TInput);

    internal override async Task<object?> RunUntypedAsync(OrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
