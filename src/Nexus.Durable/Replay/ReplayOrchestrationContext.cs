using Microsoft.Extensions.Logging;
using Nexus.Durable.Entities;
using Nexus.Durable.History;
using Nexus.Durable.Orchestrations;

namespace Nexus.Durable.Replay;

/// <summary>The <see cref="OrchestrationContext"/> handed to orchestration code; everything goes through the runtime.</summary>
internal sealed class ReplayOrchestrationContext(OrchestrationRuntime runtime) : OrchestrationContext
{
    public override string InstanceId => runtime.InstanceId;

    public override string Name => runtime.Name;

    public override string? ParentInstanceId => runtime.Parent?.InstanceId;

    public override bool IsReplaying => runtime.IsReplaying;

    public override DateTime CurrentUtcDateTime => runtime.CurrentUtcDateTime;

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        runtime.CheckThread();
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        runtime.Registry.EnsureActivity(name);
        var json = SerializeInput(input, $"activity '{name}'");
        if (options?.Retry is null && options?.Timeout is null)
        {
            return ConvertAsync<TResult>(runtime.ScheduleActivity(name, json));
        }

        return WithRetryAsync<TResult>(() => runtime.ScheduleActivity(name, json), options.Retry, options.Timeout, $"Activity '{name}'");
    }

    public override Task<TResult> CallSubOrchestrationAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        runtime.CheckThread();
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        runtime.Registry.EnsureOrchestration(name);
        var json = SerializeInput(input, $"sub-orchestration '{name}'");
        if (options?.InstanceId is { } id)
        {
            InstanceIds.Validate(id);
        }

        var attempt = 0;
        Task<string?> Start()
        {
            attempt++;
            var childId = options?.InstanceId is { } custom && attempt > 1 ? $"{custom}:{attempt}" : options?.InstanceId;
            return runtime.ScheduleSubOrchestration(name, json, childId);
        }

        return options?.Retry is null
            ? ConvertAsync<TResult>(Start())
            : WithRetryAsync<TResult>(Start, options.Retry, null, $"Sub-orchestration '{name}'");
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        runtime.CheckThread();
        return runtime.ScheduleTimer(fireAt, cancellationToken);
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        runtime.CheckThread();
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var wait = runtime.WaitForEvent(eventName, out var cancel);
        if (wait.IsCompleted || (timeout is null && !cancellationToken.CanBeCanceled))
        {
            return ConvertAsync<T>(wait);
        }

        return WaitWithTimeoutAsync<T>(eventName, wait, cancel!, timeout, cancellationToken);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        runtime.CheckThread();
        runtime.SetCustomStatus(SerializeInput(customStatus, "custom status"));
    }

    public override void ContinueAsNew(object? newInput)
    {
        runtime.CheckThread();
        runtime.RequestContinueAsNew(SerializeInput(newInput, "continue-as-new input"));
    }

    public override Guid NewGuid()
    {
        runtime.CheckThread();
        return runtime.NewGuid();
    }

    public override void SignalEntity(EntityInstanceId entity, string operationName, object? input = null)
    {
        runtime.CheckThread();
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        runtime.Registry.EnsureEntity(entity.Name);
        runtime.SendEntitySignal(entity, operationName, SerializeInput(input, $"entity operation '{operationName}'"));
    }

    public override Task<TResult> CallEntityAsync<TResult>(EntityInstanceId entity, string operationName, object? input = null)
    {
        runtime.CheckThread();
        ArgumentException.ThrowIfNullOrWhiteSpace(operationName);
        runtime.Registry.EnsureEntity(entity.Name);
        return ConvertAsync<TResult>(runtime.CallEntity(entity, operationName, SerializeInput(input, $"entity operation '{operationName}'")));
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) => runtime.Logger(categoryName);

    private string? SerializeInput(object? value, string what)
    {
        try
        {
            return runtime.Converter.Serialize(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The input of {what} cannot be serialized: {e.Message}", nameof(value), e);
        }
    }

    private async Task<T> ConvertAsync<T>(Task<string?> task)
    {
        var data = await task;
        return runtime.Converter.Deserialize<T>(data);
    }

    private async Task<T> WithRetryAsync<T>(Func<Task<string?>> start, RetryPolicy? retry, TimeSpan? timeout, string what)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var task = start();
                var data = timeout is { } limit ? await WithTimeoutAsync(task, limit, what) : await task;
                return runtime.Converter.Deserialize<T>(data);
            }
            catch (Exception e) when (retry is not null && attempt < retry.MaxNumberOfAttempts && IsRetriable(e, retry))
            {
                await runtime.ScheduleTimer(CurrentUtcDateTime + retry.GetDelay(attempt + 1), CancellationToken.None);
            }
        }
    }

    private async Task<string?> WithTimeoutAsync(Task<string?> task, TimeSpan timeout, string what)
    {
        using var timerCancel = new CancellationTokenSource();
        var timer = runtime.ScheduleTimer(CurrentUtcDateTime + timeout, timerCancel.Token);
        var winner = await Task.WhenAny(task, timer);
        if (winner != task)
        {
            throw new TimeoutException($"{what} did not complete within {timeout}.");
        }

        timerCancel.Cancel(); // Synchronous: the timer's cancellation callback must run on the orchestration thread.
        return await task;
    }

    private async Task<T> WaitWithTimeoutAsync<T>(string eventName, Task<string?> wait, Action cancel, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(cancel);
        if (timeout is null)
        {
            return runtime.Converter.Deserialize<T>(await wait);
        }

        using var timerCancel = new CancellationTokenSource();
        var timer = runtime.ScheduleTimer(CurrentUtcDateTime + timeout.Value, timerCancel.Token);
        var winner = await Task.WhenAny(wait, timer);
        if (winner != wait)
        {
            cancel();
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"External event '{eventName}' did not arrive within {timeout}.");
        }

        timerCancel.Cancel(); // Synchronous: the timer's cancellation callback must run on the orchestration thread.
        return runtime.Converter.Deserialize<T>(await wait);
    }

    private static bool IsRetriable(Exception e, RetryPolicy retry)
    {
        if (e is TimeoutException)
        {
            return true;
        }

        if (e is not TaskFailedException failed || failed.Failure.IsNonRetriable)
        {
            return false;
        }

        for (var f = failed.Failure; f is not null; f = f.Inner)
        {
            if (retry.NonRetryableExceptionTypes.Any(t => f.IsCausedBy(t)))
            {
                return false;
            }
        }

        return true;
    }

}
