using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Api.Contract;
using Nexus.Durable.Activities;
using Nexus.Durable.Client;
using Nexus.Durable.Registry;
using Nexus.Durable.Sqlite;
using Nexus.Durable.Worker;
using Nexus.Functions.Hosting;
using Nexus.Functions.Workflow;
using Nexus.Testing;
using Nexus.Testing.Azurite;
using Nexus.Workflows.Activities;
using Nexus.Workflows.Entities;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;
using Nexus.Workflows.Orchestration;
using Xunit;
using Nexus.Hosting;

namespace Nexus.Functions.Tests.Support;

/// <summary>
/// The Function App as far as it runs without the Functions host: its own container (<see cref="FunctionAppServices"/>,
/// the composition root <c>Program.cs</c> uses) on Azurite, its HTTP functions reached through <see cref="FunctionsHttpHandler"/>,
/// and the Durable side played by NEXUS's engine on a real SQLite store: the Durable client bound to every function is
/// NEXUS's <see cref="NexusDurableTaskClient"/>, and the worker runs the app's <b>wrapper functions</b> — the orchestrator
/// functions, the entity functions' operation handlers and the activity functions — through the SDK's runners, as the
/// Functions isolated worker would run them.
/// </summary>
public sealed class FunctionAppHost : IApiHost, IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("nexus-func-").FullName;
    private readonly Action<NexusOptions>? _configure;
    private SqliteDurableStore? _store;
    private DurableWorker? _worker;
    private ServiceProvider? _services;

    /// <summary>The app with its default settings (no shared store: no memory across projects).</summary>
    public FunctionAppHost()
    {
    }

    /// <summary>The app with settings changed by <paramref name="configure"/> (as its application settings would).</summary>
    internal FunctionAppHost(Action<NexusOptions> configure) => _configure = configure;

    /// <summary>The Durable client bound to the functions.</summary>
    public NexusDurableTaskClient Client { get; private set; } = null!;

    /// <summary>The app's container.</summary>
    public IServiceProvider Services => _services!;

    /// <summary>The app's storage (Azurite).</summary>
    public StorageClients Storage { get; private set; } = null!;

    /// <inheritdoc/>
    public ProjectClient Projects { get; private set; } = null!;

    /// <inheritdoc/>
    public HttpClient CreateApiClient(string? key = ContractKeys.ApiKey)
    {
        var client = new HttpClient(new FunctionsHttpHandler(Services, Client)) { BaseAddress = new Uri("http://functions.test") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return client;
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        var azurite = await AzuriteServer.GetAsync();
        Storage = StorageClients.FromConnectionString(azurite.ConnectionString);
        var options = new NexusOptions { DataDirectory = _data, ScenariosDirectory = Path.Combine(RepositoryRoot.Find(), "samples") };
        _configure?.Invoke(options);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nexus:ApiKeys:0"] = ContractKeys.ApiKey,
            ["Nexus:ApiKeys:1"] = ContractKeys.OtherApiKey,
            ["Nexus:RetryAfterSeconds"] = "1",
        }).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddNexusFunctionApp(configuration, options, Storage)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        _store = new SqliteDurableStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_data, "nexus.db") });
        await _store.InitializeAsync();
        Client = new NexusDurableTaskClient("nexus", _store);
        Projects = ProjectClient.Over(Client, options);
        _worker = new DurableWorker(_store, WrapperRegistry(), new DurableWorkerOptions
        {
            MinPollingInterval = TimeSpan.FromMilliseconds(20),
            LeaseDuration = TimeSpan.FromSeconds(15),
            LeaseRenewalInterval = TimeSpan.FromSeconds(3),
        });
        await _worker.StartAsync();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Every workflow name registered by its Function App wrapper, nothing by the workflow's own registration.
    private DurableRegistry WrapperRegistry()
    {
        var activities = ActivatorUtilities.CreateInstance<ActivityFunctions>(Services);
        return new DurableRegistry()
            .AddTaskOrchestratorFunc<ProjectRequest, ProjectReport>(ProjectOrchestration.Name, (context, _) => OrchestrationFunctions.RunProject(context))
            .AddTaskOrchestratorFunc<AgentChatInput, AgentChatReply>(AgentChatOrchestration.Name, (context, _) => OrchestrationFunctions.RunAgentChat(context))
            .AddTaskEntity(AgentSessionEntity.EntityName, () => new DispatchedEntity(EntityFunctions.AgentSession))
            .AddTaskEntity(ScratchpadsEntity.EntityName, () => new DispatchedEntity(EntityFunctions.Scratchpads))
            .AddTaskEntity(ProjectJournalEntity.EntityName, () => new DispatchedEntity(EntityFunctions.ProjectJournal))
            .AddTaskActivity(PrepareWorkspaceActivity.Name, run => Activity<string, string>(run, (input, context) => activities.PrepareWorkspace(input, Client, context)))
            .AddTaskActivity(RunAgentStepActivity.Name, run => Activity<AgentStepInput, AgentStepResult>(run, (input, context) => activities.RunAgentStep(input, Client, context)))
            .AddTaskActivity(RunTestsActivity.Name, run => Activity<TestRunInput, TestRunOutcome>(run, (input, context) => activities.RunTests(input, Client, context)))
            .AddTaskActivity(ListFilesActivity.Name, run => Activity<string, IReadOnlyList<string>>(run, (input, context) => activities.ListFiles(input, Client, context)))
            .AddTaskActivity(ScaffoldWorkspaceActivity.Name, run => Activity<ScaffoldInput, ScaffoldOutcome>(run, (input, context) => activities.ScaffoldWorkspace(input, Client, context)))
            .AddTaskActivity(RaiseAlertActivity.Name, run => Activity<AlertInput, bool>(run, (input, context) => ActivityFunctions.RaiseAlert(input, context)))
            .AddTaskActivity(RecordMemoryActivity.Name, run => Activity<MemoryInput, MemoryOutcome>(run, (input, context) => activities.RecordMemory(input, Client, context)))
            .AddTaskActivity(AgentChatActivity.Name, run => Activity<AgentChatInput, AgentStepResult>(run, (input, context) => activities.AgentChat(input, Client, context)));
    }

    private TaskActivity<TInput, TOutput> Activity<TInput, TOutput>(ActivityContext run, Func<TInput, TestFunctionContext, Task<TOutput>> function) =>
        FuncTaskActivity.Create<TInput, TOutput>((context, input) => function(input, new TestFunctionContext(run.Name, context.InstanceId, Services, run.CancellationToken)));
}
