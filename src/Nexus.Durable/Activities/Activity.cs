namespace Nexus.Durable.Activities;

/// <summary>An activity: the unit of side effects (I/O, processes, model calls). Its result is recorded in the
/// orchestration's history and never produced again.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
/// <remarks>
/// Activities run at least once: if the worker dies before the result is recorded, the activity runs again (its
/// <see cref="ActivityContext.Attempt"/> is higher). Honour <see cref="ActivityContext.CancellationToken"/>: it fires
/// when the orchestration ends (for example terminated) or the worker shuts down.
/// </remarks>
public abstract class Activity<TInput, TOutput> : ActivityBase
{
    /// <summary>Runs the activity.</summary>
    public abstract Task<TOutput> RunAsync(ActivityContext context, TInput input);

    internal override Type InputType => typeof(TInput);

    internal override async Task<object?> RunUntypedAsync(ActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!).ConfigureAwait(false);
}
