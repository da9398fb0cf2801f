namespace Nexus.Server.Api;

/// <summary><c>/healthz</c>: open (no key), says whether the runtime is up.</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("Health").WithName("Health").AllowAnonymous();
        return app;
    }
}
