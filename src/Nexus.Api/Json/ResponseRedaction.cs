using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Nexus.Agents.Security;

namespace Nexus.Api.Json;

/// <summary>
/// The API's second line against leaks: every string and every raw JSON payload the endpoints serialize (diffs, commit
/// messages, scratchpads, statuses, history events, the event stream, agent replies, queue entries) passes through the
/// host's <see cref="SecretRedactor"/>, whose values include the API keys.
/// </summary>
/// <remarks>
/// One place instead of one call per endpoint, so a new endpoint cannot forget it. The first line is the commit scan,
/// which keeps secrets out of the workspace's history; this one covers what was never scanned: commits made outside
/// NEXUS, the work tree, recorded history. Not covered: problem details, whose title and detail ASP.NET Core's own
/// converter writes directly (a detail may quote an agent backend's error message, which the backends redact themselves).
/// Also the shared JSON rules: numbers are numbers (a quoted number is refused), enums are names.
/// </remarks>
/// <param name="redactor">The host's redactor, read when a response is written (it exists once the host has started).</param>
internal sealed class ResponseRedaction(Func<SecretRedactor> redactor) : IConfigureOptions<JsonOptions>
{
    public void Configure(JsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ApiJson.Configure(options.SerializerOptions);
        options.SerializerOptions.Converters.Add(new RedactedStringConverter(redactor));
        options.SerializerOptions.Converters.Add(new RedactedJsonElementConverter(redactor));
    }
}
