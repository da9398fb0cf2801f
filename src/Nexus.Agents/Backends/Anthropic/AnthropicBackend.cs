using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Backends.Chat;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Anthropic;

/// <summary>Runs agent turns on Anthropic's Messages API with the official Anthropic SDK.</summary>
/// <remarks>
/// <para>
/// The structured reply is obtained with one tool whose <c>input_schema</c> is the reply schema and a <c>tool_choice</c>
/// that forces it: <see cref="ChatReplyFormat.Schema"/> (summary and whole-file edits, applied inside the workspace by
/// <see cref="Workspaces.FileEditApplier"/>) or the request's <see cref="AgentTurnRequest.OutputSchema"/> (which must
/// describe a JSON object), whose input becomes <see cref="AgentTurnResult.StructuredOutput"/>.
/// </para>
/// <para>
/// Stateless like every chat API: <see cref="AgentTurnRequest.SessionSeed"/>, when given, is sent as context. The SDK's
/// own retries are off; <see cref="AgentTurnRunner"/> retries and falls back. 529 (overloaded) is transient; see
/// <see cref="ChatErrorClassifier"/> for the rest. Text and errors are redacted.
/// </para>
/// </remarks>
public sealed class AnthropicBackend : AgentBackend, IDisposable
{
    private readonly AnthropicBackendOptions _options;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AnthropicClient _client;

    /// <summary>Creates the backend.</summary>
    /// <param name="options">Base URL, credentials and limits.</param>
    /// <param name="redactor">Masks secrets in text and errors; default: the key/token and every secret-looking environment variable.</param>
    /// <param name="timeProvider">Measures durations; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="logger">Receives turn events (never secrets).</param>
    /// <exception cref="InvalidOperationException">The options are inconsistent.</exception>
    public AnthropicBackend(
        AnthropicBackendOptions options,
        SecretRedactor? redactor = null,
        TimeProvider? timeProvider = null,
        ILogger<AnthropicBackend>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _redactor = redactor ?? ChatRedaction.Create(options.ApiKey, options.AuthToken);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _client = new AnthropicClient
        {
            ApiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? null : options.ApiKey,
            AuthToken = string.IsNullOrWhiteSpace(options.AuthToken) ? null : options.AuthToken,
            BaseUrl = options.BaseUrl.AbsoluteUri.TrimEnd('/'),
            MaxRetries = 0,
            Timeout = options.NetworkTimeout,
        };
    }

    /// <inheritdoc />
    public override string Name => _options.Name;

    /// <summary>The backend's settings.</summary>
    public AnthropicBackendOptions Options => _options;

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

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

        InputSchema inputSchema;
        try
        {
            inputSchema = ToInputSchema(prompt.Schema);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return Failed(request, model, new AgentError(AgentErrorKind.NotConfigured, $"The output schema cannot be used as a tool input schema: {ex.Message}"), AgentUsage.None, started);
        }

        ChatTurnLog.Starting(_logger, request.Agent.Id, Name, model!, _options.BaseUrl.Host);
        request.Progress?.Report(new AgentProgress(request.Agent.Id, $"{Name}: asking {model}"));

        List<MessageParam> messages = [new MessageParam { Role = Role.User, Content = prompt.User }];
        var usage = AgentUsage.None;
        for (var corrections = 0; ; corrections++)
        {
            var (json, used, error) = await CompleteAsync(request, model!, prompt, inputSchema, messages, cancellationToken);
            usage += used;
            if (error is not null)
            {
                return Failed(request, model, error, usage, started);
            }

            var result = ChatTurnResults.FromReply(request, prompt, Name, model!, json, usage, _timeProvider.GetElapsedTime(started), _redactor, cancellationToken);
            if (!ReplyCorrection.CanCorrect(result) || corrections >= _options.ReplyCorrections)
            {
                result = ReplyCorrection.GaveUp(result, corrections);
                ChatTurnLog.Finished(_logger, request, Name, result);
                return result;
            }

            // Back to the same model with the reason; nothing of the rejected reply was applied. The rejected answer is
            // quoted as text (a tool use would need its tool result, and the tool is forced again).
            request.Progress?.Report(new AgentProgress(request.Agent.Id, $"{Name}: reply rejected ({result.Error!.Message}); asking {model} to correct it"));
            messages.Add(new MessageParam { Role = Role.Assistant, Content = json });
            messages.Add(new MessageParam { Role = Role.User, Content = ReplyCorrection.Message(result.Error!.Message) });
        }
    }

    // One call: the tool input as JSON and the usage, or the classified error (with the usage of a reply without the tool call).
    private async Task<(string Json, AgentUsage Usage, AgentError? Error)> CompleteAsync(
        AgentTurnRequest request,
        string model, ChatPrompt prompt, InputSchema inputSchema, List<MessageParam> messages, CancellationToken cancellationToken)
    {
        Message? message;
        try
        {
            var parameters = new MessageCreateParams
            {
                Model = model,
                MaxTokens = _options.MaxTokens,
                System = prompt.System,
                Messages = [.. messages],
                Tools =
                [
                    new Tool
                    {
                        Name = prompt.SchemaName,
                        Description = prompt.ExpectsEdits
                            ? "Submit your turn: your summary and every file edit."
                            : "Submit your answer as the required JSON object.",
                        InputSchema = inputSchema,
                    },
                ],
                ToolChoice = new ToolChoiceTool(prompt.SchemaName),
            };
            // With a progress receiver the reply is streamed (Server-Sent Events): the tool input arrives as partial JSON, and
            // what arrives (how much, each file an edit names) is reported as it arrives.
            message = request.Progress is null
                ? await _client.Messages.Create(parameters, cancellationToken)
                : await StreamAsync(parameters, new ChatStreamProgress(request, Name, model, _redactor, _timeProvider), cancellationToken);
            if (message is null)
            {
                return (string.Empty, AgentUsage.None, new AgentError(AgentErrorKind.InvalidResponse, "The model's reply ended before it was finished (the stream stopped without message_stop)."));
            }
        }
        catch (AnthropicApiException ex)
        {
            return (string.Empty, AgentUsage.None, ChatErrorClassifier.Classify(Name, (int)ex.StatusCode, ex.ResponseBody, ex.Message, _redactor));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (string.Empty, AgentUsage.None, ChatErrorClassifier.NetworkTimeout(Name, _options.NetworkTimeout));
        }
        catch (Exception ex) when (ex is AnthropicIOException or HttpRequestException or IOException)
        {
            return (string.Empty, AgentUsage.None, ChatErrorClassifier.Connection(Name, ex, _redactor));
        }
        catch (Exception ex) when (ex is AnthropicException or JsonException or InvalidOperationException or FormatException)
        {
            return (string.Empty, AgentUsage.None, new AgentError(AgentErrorKind.InvalidResponse, $"{Name} sent an unreadable response: {_redactor.Redact(ex.Message)}"));
        }

        var usage = message.Usage is { } tokens
            ? new AgentUsage(tokens.InputTokens, tokens.OutputTokens, _options.Prices.Cost(model, tokens.InputTokens, tokens.OutputTokens))
            : AgentUsage.None;

        var toolInput = message.Content
            .Select(block => block.TryPickToolUse(out var toolUse) ? toolUse : null)
            .FirstOrDefault(toolUse => toolUse is not null && toolUse.Name == prompt.SchemaName);
        if (toolInput is null)
        {
            var why = message.StopReason?.Raw() == "max_tokens" ? "was cut off at max_tokens" : "did not call the required tool";
            return (string.Empty, usage, new AgentError(AgentErrorKind.InvalidResponse, $"The model's reply {why}."));
        }

        return (JsonSerializer.Serialize(toolInput.Input), usage, null);
    }

    // The streamed reply, put together by the SDK's aggregator; null when the stream ended before message_stop.
    private async Task<Message?> StreamAsync(MessageCreateParams parameters, ChatStreamProgress progress, CancellationToken cancellationToken)
    {
        var aggregator = new global::Anthropic.Helpers.MessageContentAggregator();
        var stopped = false;
        try
        {
            await foreach (var update in _client.Messages.CreateStreaming(parameters, cancellationToken).CollectAsync(aggregator).WithCancellation(cancellationToken))
            {
                stopped |= Report(update, progress);
            }
        }
        catch (Exception ex) when (!stopped && ex is AnthropicException or InvalidOperationException)
        {
            return null; // the aggregator refuses a stream that ended without message_stop
        }

        return stopped ? aggregator.Message() : null;
    }

    // Reports a piece of the reply; true at message_stop.
    private static bool Report(RawMessageStreamEvent update, ChatStreamProgress progress)
    {
        if (update.TryPickContentBlockDelta(out var block))
        {
            if (block.Delta.TryPickInputJson(out var json))
            {
                progress.Append(json.PartialJson);
            }
            else if (block.Delta.TryPickText(out var text))
            {
                progress.Append(text.Text);
            }

            return false;
        }

        return update.TryPickStop(out _);
    }

    private static InputSchema ToInputSchema(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            throw new FormatException("a tool input schema must describe a JSON object (\"type\": \"object\")");
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            properties[property.Name] = property.Value.Clone();
        }

        return InputSchema.FromRawUnchecked(properties);
    }

    private AgentTurnResult Failed(AgentTurnRequest request, string? model, AgentError error, AgentUsage usage, long started)
    {
        var result = ChatTurnResults.Failure(Name, model, error, usage, _timeProvider.GetElapsedTime(started));
        ChatTurnLog.Finished(_logger, request, Name, result);
        return result;
    }
}
