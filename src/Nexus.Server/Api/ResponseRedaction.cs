using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nexus.Server.Hosting;

namespace Nexus.Server.Api;

/// <summary>
/// The API's second line against leaks: every string and every raw JSON payload the endpoints serialize (diffs, commit
/// messages, scratchpads, statuses, history events, the event stream, agent replies, queue entries) passes through the
/// runtime's <see cref="Nexus.Agents.Security.SecretRedactor"/>, whose values include the host's API keys.
/// </summary>
/// <remarks>
/// One place instead of one call per endpoint, so a new endpoint cannot forget it. The first line is the commit scan,
/// which keeps secrets out of the workspace's history; this one covers what was never scanned: commits made outside
/// NEXUS, the work tree, recorded history. Not covered: problem details, whose title and detail ASP.NET Core's own
/// converter writes directly (a detail may quote an agent backend's error message, which the backends redact themselves).
/// </remarks>
internal sealed class ResponseRedaction(NexusRuntimeService runtime) : IConfigureOptions<JsonOptions>
{
    public void Configure(JsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The redactor exists once the runtime has started, which is before the host serves anything.
        options.SerializerOptions.Converters.Add(new RedactedStringConverter(() => runtime.Runtime.Redactor));
        options.SerializerOptions.Converters.Add(new RedactedJsonElementConverter(() => runtime.Runtime.Redactor));
    }
}
