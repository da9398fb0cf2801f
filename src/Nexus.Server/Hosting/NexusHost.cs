using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nexus.Api;
using Nexus.Api.Intake;
using Nexus.Api.Security;
using Nexus.Server.Api;
using Nexus.Server.Errors;
using Nexus.Server.Queue;
using Nexus.Server.Security;
using OpenTelemetry.Metrics;
using Nexus.Agents.Telemetry;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Server.Hosting;

/// <summary>Builds the NEXUS HTTP host: the projects API, the event stream, the submission queue and the original endpoints,
/// with the engine worker running in the same process. <c>Program.cs</c> and <c>nexus serve</c> both use it.</summary>
/// <example><code>
/// var builder = NexusHost.CreateBuilder(args, new NexusOptions { DataDirectory = "/var/nexus" });
/// await using var app = NexusHost.BuildApp(builder);
/// await app.RunAsync();
/// </code></example>
/// <remarks>
/// Configuration: <c>--port P</c> listens on <c>http://localhost:P</c> (otherwise the usual <c>--urls</c>/<c>ASPNETCORE_URLS</c>);
/// <c>--data DIR</c> is the data directory; the <c>Nexus</c> section binds <see cref="NexusHostOptions"/>.
/// </remarks>
public static class NexusHost
{
    /// <summary>Creates the builder with every NEXUS service registered.</summary>
    /// <param name="args">Command-line arguments (<c>--port</c>, <c>--data</c>, any ASP.NET Core setting).</param>
    /// <param name="runtimeOptions">The runtime's options; default: built from configuration when the host starts.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, NexusOptions? runtimeOptions = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (builder.Configuration["port"] is { Length: > 0 } port)
        {
            if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                throw new ArgumentException($"--port: '{port}' is not a port number (1–65535).", nameof(args));
            }

            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{number}"));
        }

        // Per-request lines from ASP.NET Core cost time on every call and say little; unless configured, only warnings.
        if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        AddNexus(builder.Services, runtimeOptions);
        return builder;
    }

    /// <summary>Builds the app: middleware (problem details, body limit, API keys, rate limits) and every endpoint.</summary>
    public static WebApplication BuildApp(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseDashboard();

        app.UseAuthentication();
        app.UseMiddleware<ApiKeyRequiredMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapHealthApi();
        var api = app.MapGroup("/api").RequireAuthorization().RequireRateLimiting(RateLimits.PolicyName);
        api.MapSharedApi();
        api.MapProjectStreamApi();
        api.MapQueueStatusApi();
        app.MapMetricsApi();
        return app;
    }

    /// <summary>Builds and runs the host until it is stopped.</summary>
    public static async Task RunAsync(string[] args, NexusOptions? runtimeOptions = null, CancellationToken cancellationToken = default)
    {
        await using var app = BuildApp(CreateBuilder(args, runtimeOptions));
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddNexus(IServiceCollection services, NexusOptions? runtimeOptions)
    {
        services.AddOptions<NexusHostOptions>()
            .BindConfiguration(NexusHostOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                options.DataDirectory ??= configuration["data"];
                options.ScenariosDirectory ??= configuration["scenarios"];
                options.Store ??= configuration["store"];
                options.Connection ??= configuration["connection"];
                options.Schema ??= configuration["schema"];
            })
            .Validate(o => o.RateLimitPermits > 0 && o.RateLimitWindow > TimeSpan.Zero, "Nexus:RateLimitPermits and RateLimitWindow must be positive.")
            .Validate(o => o.QueueMaxAttempts > 0, "Nexus:QueueMaxAttempts must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => runtimeOptions ?? CreateRuntimeOptions(sp.GetRequiredService<IOptions<NexusHostOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<NexusOptions>().TimeProvider);
        services.AddSingleton<NexusRuntimeService>();
        services.AddHostedService(sp => sp.GetRequiredService<NexusRuntimeService>());

        // The runtime is owned (and disposed) by NexusRuntimeService alone, so the container never disposes it a second time.
        services.AddSingleton(sp => sp.GetRequiredService<NexusRuntimeService>().Runtime.Projects);
        services.AddSingleton(sp => sp.GetRequiredService<NexusRuntimeService>().Runtime.Durable);
        services.AddNexusApi(sp => sp.GetRequiredService<NexusRuntimeService>().Runtime.Redactor);
        // The submission queue lives next to the durable state: the data directory's SQLite file, or the cluster's database.
        services.AddSingleton<ISubmissionQueue>(sp =>
        {
            var options = sp.GetRequiredService<NexusOptions>();
            return options.ResolveStore() == NexusStoreKind.Postgres && options.StoreFactory is null
                ? new PostgresSubmissionStore(options)
                : new SqliteSubmissionStore(options);
        });
        services.AddSingleton(sp => (IIdempotencyStore)sp.GetRequiredService<ISubmissionQueue>());
        services.AddSingleton<ISubmissionIntake, SubmissionQueueIntake>();
        // The shared handlers' context: NEXUS's project view over its own Durable Task client.
        services.AddSingleton(sp => new ApiContext(
            sp.GetRequiredService<NexusRuntimeService>().Runtime.Projects,
            sp.GetRequiredService<IIdempotencyStore>(),
            sp.GetRequiredService<ISubmissionIntake>(),
            sp.GetRequiredService<IOptions<ApiOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SubmissionQueueConsumer>();

        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddAuthentication(ApiKeyGate.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyGate.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(RateLimits.Configure);
        services.AddOpenApi();
        services.AddSingleton<KpiGauges>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(NexusTelemetry.Name).AddPrometheusExporter());
    }

    private static NexusOptions CreateRuntimeOptions(NexusHostOptions host)
    {
        var options = new NexusOptions { RunWorker = true };
        if (host.DataDirectory is { Length: > 0 } data)
        {
            options.DataDirectory = data;
        }

        if (host.ScenariosDirectory is { Length: > 0 } scenarios)
        {
            options.ScenariosDirectory = scenarios;
        }

        options.Store = NexusOptions.ParseStore(host.Store) ?? options.Store;
        if (host.Connection is { Length: > 0 } connection)
        {
            options.Connection = connection;
        }

        if (host.Schema is { Length: > 0 } schema)
        {
            options.Schema = schema;
        }

        host.ConfigureRuntime?.Invoke(options);
        options.ValidateStore();
        return options;
    }
}
