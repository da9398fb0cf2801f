using Nexus.Server.Hosting;

// dotnet run --project src/Nexus.Server -- --port 7071 --data DIR
var app = NexusHost.BuildApp(NexusHost.CreateBuilder(args));
await app.RunAsync();
