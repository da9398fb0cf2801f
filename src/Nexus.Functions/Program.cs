using Nexus.Functions.Hosting;

// dotnet run --project src/Nexus.Functions -- --port 7071 --data DIR
var app = NexusHost.BuildApp(NexusHost.CreateBuilder(args));
await app.RunAsync();
