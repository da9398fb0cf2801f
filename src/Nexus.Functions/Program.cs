using Microsoft.Extensions.Hosting;
using Nexus.Functions.Hosting;

// The isolated worker: `func start` in the build output (host.json and local.settings.json next to it), or the container.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) => services.AddNexusFunctionApp(context.Configuration))
    .Build();
await host.RunAsync();
