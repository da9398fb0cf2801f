using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Api;
using Nexus.Api.Errors;
using Nexus.Api.Intake;
using Nexus.Api.Security;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Functions.Http;

/// <summary>Runs a shared handler for an HTTP function: the product's API-key check first (every function is anonymous to
/// the Functions host, so NEXUS's key is the lock, as in <c>nexus serve</c>), then the body limit, then the handler over the
/// Durable client bound to the invocation; an exception becomes the same problem details the local host answers.</summary>
public sealed partial class ApiFunctionRunner
{
    private readonly ApiKeyStore _keys;
    private readonly ApiOptions _options;
    private readonly IIdempotencyStore _idempotency;
    private readonly ISubmissionIntake _intake;
    private readonly NexusOptions _nexus;
    private readonly ILogger<ApiFunctionRunner> _logger;
    private readonly Nexus.Workflows.Memory.IProjectMemory? _memory;

    internal ApiFunctionRunner(
        ApiKeyStore keys, IOptions<ApiOptions> options, IIdempotencyStore idempotency, ISubmissionIntake intake, NexusOptions nexus, ILogger<ApiFunctionRunner> logger,
        Nexus.Workflows.Memory.IProjectMemory? memory = null)
    {
        _memory = memory;
        _keys = keys;
        _options = options.Value;
        _idempotency = idempotency;
        _intake = intake;
        _nexus = nexus;
        _logger = logger;
    }

    /// <summary>Checks the key and the body, then runs <paramref name="handler"/>.</summary>
    internal async Task<IResult> RunAsync(HttpRequest request, DurableTaskClient client, Func<HttpContext, ApiContext, CancellationToken, Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handler);
        var http = request.HttpContext;
        try
        {
            if (ApiKeyGate.Check(http, _keys) is { } refused)
            {
                return refused;
            }

            if (await RequestBodyLimit.EnforceAsync(http, _options.MaxRequestBodyBytes).ConfigureAwait(false) is { } tooLarge)
            {
                return tooLarge;
            }

            var api = new ApiContext(ProjectClient.Over(client, _nexus, memory: _memory), _idempotency, _intake, _options, _nexus.TimeProvider);
            return await handler(http, api, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            var (status, _, _) = ProblemMapping.Classify(e);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                LogUnhandled(e.GetType().FullName ?? e.GetType().Name, request.Method, request.Path, e);
            }

            return ProblemMapping.ToResult(e);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Method} {Path}")]
    private partial void LogUnhandled(string exceptionType, string method, string path, Exception exception);
}
