using System.Runtime.InteropServices;
using Nexus.Durable.Client;
using Nexus.Durable.Postgres;
using Nexus.Durable.Registry;
using Nexus.Durable.Sqlite;
using Nexus.Durable.Storage;
using Nexus.Durable.TestWorker;
using Nexus.Durable.Worker;
using StartOrchestrationOptions = Microsoft.DurableTask.StartOrchestrationOptions;

// A worker process for the kill-and-recover tests: it runs FiveSteps/Step and CallCrash/Crash from a SQLite file or a
// PostgreSQL schema (several of these processes then share the work),
// prints "ready" once its dispatchers run, and stops gracefully on SIGTERM, SIGINT or when stdin closes. The tests
// SIGKILL it to simulate a crash.
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"Nexus.Durable.TestWorker: {e.Message}");
    await Console.Error.WriteLineAsync(WorkerArguments.Usage);
    return 2;
}

using var stopping = new CancellationTokenSource();
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

var effects = new EffectsLog(arguments.EffectsPath);
var registry = new DurableRegistry()
    .AddTaskOrchestrator(FiveStepsOrchestration.Name, static () => new FiveStepsOrchestration())
    .AddTaskOrchestrator(CallCrashOrchestration.Name, static () => new CallCrashOrchestration())
    .AddTaskActivity(StepActivity.Name, invocation => new StepActivity(effects, arguments, invocation))
    .AddTaskActivity(CrashActivity.Name, invocation => new CrashActivity(effects, arguments, invocation));

await using IDurableStore store = arguments.PostgresConnection is { } connection
    ? new PostgresDurableStore(new PostgresStoreOptions { ConnectionString = connection, Schema = arguments.Schema })
    : new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = arguments.DatabasePath! });
await store.InitializeAsync(stopping.Token);
if (arguments.StartInstanceId is { } instanceId)
{
    await using var client = new NexusDurableTaskClient("test-worker", store);
    await client.ScheduleNewOrchestrationInstanceAsync(arguments.StartOrchestration, new StartOrchestrationOptions(instanceId), stopping.Token);
}

var options = new DurableWorkerOptions
{
    LeaseDuration = arguments.LeaseDuration,
    LeaseRenewalInterval = arguments.LeaseDuration / 4,
    MaxDequeueCount = arguments.MaxDequeueCount,
    MinPollingInterval = TimeSpan.FromMilliseconds(20),
    MaxPollingInterval = TimeSpan.FromMilliseconds(100),
    ShutdownTimeout = TimeSpan.FromSeconds(2),
};
await using var worker = new DurableWorker(store, registry, options);
await worker.StartAsync(stopping.Token);
Console.WriteLine("ready");

// stdin closing (the parent test ended or closed it on purpose) is a graceful stop request.
_ = Task.Run(
    async () =>
    {
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        await stopping.CancelAsync();
    },
    CancellationToken.None);

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    // stop requested
}

await worker.StopAsync(CancellationToken.None);
Console.WriteLine("stopped");
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopping.Cancel();
}
