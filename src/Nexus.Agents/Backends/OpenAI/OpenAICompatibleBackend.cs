using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Chat;
using Nexus.Agents.Security;
using OpenAI;
using OpenAI.Chat;

namespace Nexus.Agents.Backends.OpenAI;

/// <summary>
/// Runs agent turns on any OpenAI-compatible chat completions API with the official OpenAI SDK: OpenAI, Azure OpenAI (its
/// v1 route or the classic deployment route with an api-version; resource key or Entra ID, see <see cref="AzureOpenAIOptions"/>),
/// Ollama, vLLM, LM Studio or a gateway.
/// </summary>
/// <remarks>
/// <para>
/// The model answers in a JSON schema response format: <see cref="ChatReplyFormat.Schema"/> (a summary and whole-file
/// edits, applied inside <see cref="AgentTurnRequest.WorkspacePath"/> by <see cref="Workspaces.FileEditApplier"/>), or the
/// request's <see cref="AgentTurnRequest.OutputSchema"/>, whose parsed JSON becomes <see cref="AgentTurnResult.StructuredOutput"/>.
/// The workspace's files are sent in the prompt (up to <see cref="OpenAICompatibleBackendOptions.WorkspaceContextBytes"/>).
/// </para>
/// <para>
/// Chat APIs keep no session: every turn is fresh and <see cref="AgentTurnRequest.SessionSeed"/>, when given, is sent as
/// context. The SDK's own retries are off — retries and model fallback belong to <see cref="AgentTurnRunner"/>.
/// Failures come back classified (see <see cref="ChatErrorClassifier"/>); text and errors are redacted.
/// </para>
/// </remarks>
public sealed class OpenAICompatibleBackend : AgentBackend, IDisposable
{
    private readonly OpenAICompatibleBackendOptions _options;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ChatClient> _clients = new(StringComparer.Ordinal);
    private readonly EntraTokenPolicy? _tokenPolicy;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Endpoint, credentials and limits.</param>
    /// <param name="redactor">Masks secrets in text and errors; default: the API key and every secret-looking environment variable.</param>
    /// <param name="timeProvider">Measures durations; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Receives turn events (never secrets).</param>
    /// <exception cref="InvalidOperationException">The options are inconsistent.</exception>
    public OpenAICompatibleBackend(
        OpenAICompatibleBackendOptions options,
        SecretRedactor? redactor = null,
        TimeProvider? timeProvider = null,
        ILogger<OpenAICompatibleBackend>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _redactor = redactor ?? ChatRedaction.Create(options.ApiKey);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _tokenPolicy = options.Authentication == OpenAIAuthentication.TokenCredential
            ? new EntraTokenPolicy(options.TokenCredential!, options.TokenScope, _timeProvider)
            : null;
    }

    /// <inheritdoc />
    public override string Name => _options.Name;

    /// <summary>The backend's settings.</summary>
    public OpenAICompatibleBackendOptions Options => _options;

    /// <inheritdoc />
    public void Dispose() => _tokenPolicy?.Dispose();

    /// <inheritdoc />
    protected override async Task<AgentTurnResult> RunTurnCoreAsync(AgentTurnRequest request, string? model, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        model = string.IsNullOrWhiteSpace(model) ? _options.DefaultModel : model;
        var prompt = ChatPrompt.For(request, _options.WorkspaceContextBytes, _redactor);
        if (ChatTurnResults.CheckPreconditions(request, prompt, model) is { } precondition)
        {
            return Failed(request, model, precondition, AgentUsage.None, started);
        }

        ChatTurnLog.Starting(_logger, request.Agent.Id, Name, model!, _options.Endpoint.Host);
        request.Progress?.Report(new AgentProgress(request.Agent.Id, $"{Name}: asking {model}"));
        var completionOptions = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                prompt.SchemaName,
                BinaryData.FromString(prompt.Schema),
                jsonSchemaIsStrict: prompt.ExpectsEdits && _options.StrictSchema),
        };
        if (_options.MaxOutputTokens is { } maxOutputTokens)
        {
            completionOptions.MaxOutputTokenCount = maxOutputTokens;
        }

        List<ChatMessage> messages = [new SystemChatMessage(prompt.System), new UserChatMessage(prompt.User)];
        var usage = AgentUsage.None;
        for (var corrections = 0; ; corrections++)
        {
            var (text, used, error) = await CompleteAsync(request, model!, messages, completionOptions, cancellationToken);
            usage += used;
            if (error is not null)
            {
                return Failed(request, model, error, usage, started);
            }

            var result = ChatTurnResults.FromReply(request, prompt, Name, model!, text, usage, _timeProvider.GetElapsedTime(started), _redactor, cancellationToken);
            if (!ReplyCorrection.CanCorrect(result) || corrections >= _options.ReplyCorrections)
            {
                result = ReplyCorrection.GaveUp(result, corrections);
                ChatTurnLog.Finished(_logger, request, Name, result);
                return result;
            }

            // Back to the same model with the reason; nothing of the rejected reply was applied.
            request.Progress?.Report(new AgentProgress(request.Agent.Id, $"{Name}: reply rejected ({result.Error!.Message}); asking {model} to correct it"));
            messages.Add(new AssistantChatMessage(text));
            messages.Add(new UserChatMessage(ReplyCorrection.Message(result.Error!.Message)));
        }
    }

    // One completion: its text and usage, or the classified error (with the usage of a reply that was refused or cut off).
    private async Task<(string Text, AgentUsage Usage, AgentError? Error)> CompleteAsync(
        AgentTurnRequest request, string model, List<ChatMessage> messages, ChatCompletionOptions completionOptions, CancellationToken cancellationToken)
    {
        ChatAnswer answer;
        try
        {
            var client = _clients.GetOrAdd(model, CreateClient);
            // With a progress receiver the reply is streamed (Server-Sent Events), so what arrives is reported as it arrives.
            answer = request.Progress is null
                ? ChatAnswer.From((await client.CompleteChatAsync(messages, completionOptions, cancellationToken)).Value)
                : await StreamAsync(client, [.. messages], completionOptions, new ChatStreamProgress(request, Name, model, _redactor, _timeProvider), cancellationToken);
        }
        catch (ClientResultException ex) when (ex.Status > 0)
        {
            var body = ex.GetRawResponse()?.Content?.ToString();
            return (string.Empty, AgentUsage.None, ChatErrorClassifier.Classify(Name, ex.Status, body, ex.Message, _redactor));
        }
        catch (global::Azure.Identity.CredentialUnavailableException ex)
        {
            return (string.Empty, AgentUsage.None, new AgentError(AgentErrorKind.NotConfigured, $"No Entra ID credential is available for {Name}: {_redactor.Redact(ex.Message)}"));
        }
        catch (global::Azure.Identity.AuthenticationFailedException ex)
        {
            return (string.Empty, AgentUsage.None, new AgentError(AgentErrorKind.Authentication, $"Entra ID authentication for {Name} failed: {_redactor.Redact(ex.Message)}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (string.Empty, AgentUsage.None, ChatErrorClassifier.NetworkTimeout(Name, _options.NetworkTimeout));
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or IOException)
        {
            return (string.Empty, AgentUsage.None, ChatErrorClassifier.Connection(Name, ex, _redactor));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // The SDK throws while reading a reply that is not a completion or lacks its parts (for example no choices).
            return (string.Empty, AgentUsage.None, Unreadable(ex));
        }

        try
        {
            var usage = answer.Usage is { } tokens
                ? new AgentUsage(tokens.InputTokenCount, tokens.OutputTokenCount, _options.Prices.Cost(model, tokens.InputTokenCount, tokens.OutputTokenCount))
                : AgentUsage.None;

            if (!string.IsNullOrWhiteSpace(answer.Refusal))
            {
                return (string.Empty, usage, new AgentError(AgentErrorKind.InvalidResponse, $"The model refused: {_redactor.Redact(answer.Refusal)}"));
            }

            if (!answer.Complete)
            {
                return (string.Empty, usage, new AgentError(AgentErrorKind.InvalidResponse, "The model's reply ended before it was finished (the stream stopped without a finish reason)."));
            }

            if (answer.FinishReason is ChatFinishReason.Length or ChatFinishReason.ContentFilter)
            {
                var why = answer.FinishReason == ChatFinishReason.Length ? "was cut off at the output token limit" : "was stopped by the content filter";
                return (string.Empty, usage, new AgentError(AgentErrorKind.InvalidResponse, $"The model's reply {why}."));
            }

            return (answer.Text, usage, null);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // The SDK throws while reading a completion that lacks its parts (for example no choices).
            return (string.Empty, AgentUsage.None, Unreadable(ex));
        }
    }

    /// <summary>Reads a streamed completion (<c>stream: true</c>; the SDK asks for the usage chunk) piece by piece.</summary>
    private static async Task<ChatAnswer> StreamAsync(
        ChatClient client, ChatMessage[] messages, ChatCompletionOptions options, ChatStreamProgress progress, CancellationToken cancellationToken)
    {
        ChatTokenUsage? usage = null;
        ChatFinishReason? finishReason = null;
        var refusal = new System.Text.StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options, cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text)
                {
                    progress.Append(part.Text);
                }
            }

            refusal.Append(update.RefusalUpdate);
            finishReason = update.FinishReason ?? finishReason;
            usage = update.Usage ?? usage;
        }

        return new ChatAnswer(progress.Text, usage, finishReason, refusal.Length > 0 ? refusal.ToString() : null, Complete: finishReason is not null);
    }

    private ChatClient CreateClient(string model)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = _options.AzureApiVersion is null ? _options.Endpoint : AzureDeploymentEndpoint(_options.Endpoint, model),
            NetworkTimeout = _options.NetworkTimeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (_options.AzureApiVersion is { } apiVersion)
        {
            clientOptions.AddPolicy(new AzureApiVersionPolicy(apiVersion), PipelinePosition.PerCall);
        }

        AuthenticationPolicy authentication = _options.Authentication switch
        {
            OpenAIAuthentication.Bearer => ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(_options.ApiKey!)),
            OpenAIAuthentication.AzureApiKey => ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(new ApiKeyCredential(_options.ApiKey!), "api-key"),
            OpenAIAuthentication.TokenCredential => _tokenPolicy!,
            _ => new NoAuthenticationPolicy(),
        };
        // The AuthenticationPolicy constructor is marked for evaluation (OPENAI001), but it is the SDK's one way to send
        // Azure's api-key header or Entra ID tokens without a bearer key; pinned SDK version 2.15.0.
#pragma warning disable OPENAI001
        return new ChatClient(model, authentication, clientOptions);
#pragma warning restore OPENAI001
    }

    /// <summary>Azure's classic route for a deployment: <c>{resource}/openai/deployments/{deployment}</c> (the SDK appends <c>/chat/completions</c>).</summary>
    private static Uri AzureDeploymentEndpoint(Uri resource, string deployment) =>
        new($"{resource.AbsoluteUri.TrimEnd('/')}/openai/deployments/{Uri.EscapeDataString(deployment)}");

    private AgentError Unreadable(Exception exception) =>
        new(AgentErrorKind.InvalidResponse, $"{Name} sent a response that is not a chat completion: {_redactor.Redact(exception.Message)}");

    private AgentTurnResult Failed(AgentTurnRequest request, string? model, AgentError error, AgentUsage usage, long started)
    {
        var result = ChatTurnResults.Failure(Name, model, error, usage, _timeProvider.GetElapsedTime(started));
        ChatTurnLog.Finished(_logger, request, Name, result);
        return result;
    }

    /// <summary>What a completion (whole or streamed) came to.</summary>
    /// <remarks>A streamed one is <see cref="Complete"/> only when a finish reason arrived: a stream that stopped early is not a reply.</remarks>
    private sealed record ChatAnswer(string Text, ChatTokenUsage? Usage, ChatFinishReason? FinishReason, string? Refusal, bool Complete = true)
    {
        public static ChatAnswer From(ChatCompletion completion) => new(
            string.Concat(completion.Content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text)),
            completion.Usage,
            completion.FinishReason,
            completion.Refusal);
    }
}
