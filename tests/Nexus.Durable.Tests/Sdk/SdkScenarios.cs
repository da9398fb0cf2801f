using Microsoft.DurableTask;
using Microsoft.DurableTask.Entities;

namespace Nexus.Durable.Tests.Sdk;

// Microsoft.DurableTask orchestrators, activities and entities that the SDK tests run on NEXUS's engine.
internal static class SdkScenarios
{
    public const string Approval = "approval";

    public static EntityInstanceId CounterId(string key) => new(nameof(Counter), key);

    public sealed class AddOne : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input) => Task.FromResult(input + 1);
    }

    public sealed class SumAll : TaskActivity<int[], int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int[] input) => Task.FromResult(input.Sum());
    }

    public sealed class Boom : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            throw new InvalidOperationException($"boom: {input}", new FormatException("inner"));
    }

    public sealed class Chain : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            for (var i = 0; i < 3; i++)
            {
                input = await context.CallActivityAsync<int>(nameof(AddOne), input);
            }

            context.SetCustomStatus(new { step = "chained", value = input });
            return input;
        }
    }

    public sealed class FanOut : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var results = await Task.WhenAll(Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(AddOne), i)));
            return await context.CallActivityAsync<int>(nameof(SumAll), results); // an array as the input: [[2,3,…]] on the wire
        }
    }

    public sealed class TimerOrEvent : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int timeoutSeconds)
        {
            using var cancel = new CancellationTokenSource();
            var approval = context.WaitForExternalEvent<string>(Approval, cancel.Token);
            var timer = context.CreateTimer(TimeSpan.FromSeconds(timeoutSeconds), cancel.Token);
            var winner = await Task.WhenAny(approval, timer);
            cancel.Cancel();
            return winner == approval ? $"approved: {approval.Result}" : "timed out";
        }
    }

    public sealed class Parent : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            var child = await context.CallSubOrchestratorAsync<int>(nameof(Chain), input, new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}-child" });
            return $"child said {child}";
        }
    }

    public sealed class FailingParent : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            try
            {
                return await context.CallSubOrchestratorAsync<string>(nameof(Failing), input);
            }
            catch (Microsoft.DurableTask.TaskFailedException e)
            {
                return $"caught: {e.FailureDetails.InnerFailure?.ErrorMessage ?? e.FailureDetails.ErrorMessage}";
            }
        }
    }

    public sealed class Failing : TaskOrchestrator<string, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => context.CallActivityAsync<string>(nameof(Boom), input);
    }

    public sealed class Counting : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            if (input < 3)
            {
                await context.CreateTimer(context.CurrentUtcDateTime, CancellationToken.None);
                context.ContinueAsNew(input + 1);
                return -1;
            }

            return input;
        }
    }

    public sealed class WaitForApproval : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            $"got {await context.WaitForExternalEvent<string>(Approval)}";
    }

    public sealed class UsesCounter : TaskOrchestrator<string, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, string key)
        {
            var id = CounterId(key);
            await context.Entities.SignalEntityAsync(id, nameof(Counter.Add), 5);
            await context.Entities.CallEntityAsync(id, nameof(Counter.Add), 10);
            try
            {
                await context.Entities.CallEntityAsync(id, nameof(Counter.Fail));
            }
            catch (EntityOperationFailedException e)
            {
                context.SetCustomStatus(e.FailureDetails.ErrorMessage);
            }

            return await context.Entities.CallEntityAsync<int>(id, nameof(Counter.Get));
        }
    }

    public sealed class Counter : TaskEntity<int>
    {
        public void Add(int amount) => State += amount;

        public int Get() => State;

        public void Fail()
        {
            State = -1000;
            throw new InvalidOperationException("the counter refuses");
        }
    }
}
