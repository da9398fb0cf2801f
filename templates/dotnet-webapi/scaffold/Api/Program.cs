var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok")));
app.Run();

/// <summary>The body of <c>GET /health</c>.</summary>
public sealed record HealthResponse(string Status);

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
