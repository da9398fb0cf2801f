using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nexus.Agents.Security;
using Nexus.Api.Errors;
using Nexus.Api.Json;
using Nexus.Api.Security;

namespace Nexus.Api;

/// <summary>Registers what the shared handlers need from a host's container, the same in both hosts: the options (the
/// <c>Nexus</c> section), RFC 7807 problem details, the JSON rules with response redaction, and the API keys.</summary>
public static class ApiServices
{
    /// <summary>Adds the shared API services.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="redactor">The host's redactor (read when a response is written, after the host has started).</param>
    public static IServiceCollection AddNexusApi(this IServiceCollection services, Func<IServiceProvider, SecretRedactor> redactor)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(redactor);
        services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.RetryAfterSeconds >= 0, "Nexus:MaxRequestBodyBytes must be positive and Nexus:RetryAfterSeconds not negative.")
            .ValidateOnStart();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        services.AddSingleton<IConfigureOptions<JsonOptions>>(sp => new ResponseRedaction(() => redactor(sp)));
        services.AddSingleton<ApiKeyStore>();
        return services;
    }
}
