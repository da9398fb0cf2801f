using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Agents.Scratchpads;
using Nexus.Agents.Security;
using Nexus.Api;
using Nexus.Api.Intake;
using Nexus.Api.Security;
using Nexus.Functions.Http;
using Nexus.Functions.Submissions;
using Nexus.Functions.Workflow;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Functions.Hosting;

/// <summary>The Function App's composition root: the workflow's services (agents, sandbox, workspaces under
/// <c>NEXUS_DATA</c>, scratchpads as blobs on the app's storage connection), the shared API (keys from <c>NEXUS_API_KEY</c>
/// or <c>Nexus:ApiKeys</c>, never generated here) with its Durable-client-per-invocation runner, and the intake's queue and
/// records. <c>Program.cs</c> calls it; the tests build the same container.</summary>
public static class FunctionAppServices
{
    /// <summary>Adds every service the app's functions take.</summary>
    /// <param name="services">The worker's services.</param>
    /// <param name="configuration">The app settings.</param>
    /// <param name="options">The NEXUS options; default: read from the environment (the app settings) by <see cref="NexusOptions"/>.</param>
    /// <param name="storage">The storage clients; default: from <see cref="FunctionAppSettings.StorageConnection"/>.</param>
    public static IServiceCollection AddNexusFunctionApp(
        this IServiceCollection services, IConfiguration configuration, NexusOptions? options = null, StorageClients? storage = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(options ?? new NexusOptions());
        services.AddSingleton(_ => storage ?? StorageClients.FromConfiguration(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<NexusOptions>().TimeProvider);

        // The API keys join the process's secrets before the redactor is made from them (as in nexus serve).
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<ApiKeyStore>().Initialize();
            return SecretRedactor.FromEnvironment().With(sp.GetRequiredService<NexusOptions>().SecretValues);
        });
        services.AddSingleton<IScratchpadStore>(sp => new BlobScratchpadStore(
            sp.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(BlobScratchpadStoreOptions.DefaultContainerName), sp.GetRequiredService<SecretRedactor>()));
        services.AddSingleton<WorkflowHost>();

        services.AddNexusApi(sp => sp.GetRequiredService<SecretRedactor>());
        // A generated key would be printed on the console, which is this app's log: the key must be configured.
        // Nor does it serve /stream (SSE from NEXUS's own history store): its management URLs must not point there.
        services.PostConfigure<ApiOptions>(o =>
        {
            o.GenerateKeyFile = false;
            o.ServesStream = false;
        });
        services.AddSingleton(sp => new BlobRecords(sp.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(FunctionAppSettings.RecordsContainer)));
        services.AddSingleton<IIdempotencyStore, BlobIdempotencyStore>();
        services.AddSingleton<ISubmissionIntake>(sp => new StorageQueueIntake(sp.GetRequiredService<BlobRecords>(), sp.GetRequiredService<StorageClients>().Queues));
        services.AddSingleton(sp => new ApiFunctionRunner(
            sp.GetRequiredService<ApiKeyStore>(),
            sp.GetRequiredService<IOptions<ApiOptions>>(),
            sp.GetRequiredService<IIdempotencyStore>(),
            sp.GetRequiredService<ISubmissionIntake>(),
            sp.GetRequiredService<NexusOptions>(),
            sp.GetRequiredService<ILogger<ApiFunctionRunner>>(),
            sp.GetRequiredService<WorkflowHost>().Memory));
        return services;
    }
}
