using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nexus.Durable.Serialization;

namespace Nexus.Cli.Remote;

/// <summary>A NEXUS host (base address and API key) and the HTTP calls to it. Whatever goes wrong becomes a
/// <see cref="ServerException"/> with one line a person can act on: unreachable, key missing or refused, a problem
/// details answer (RFC 7807), no answer in time.</summary>
/// <remarks>The API key goes only into the <c>X-Api-Key</c> header of each request; it is never part of a message.</remarks>
internal sealed class ServerConnection : IDisposable
{
    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>How long one request (not an event stream) may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly bool _hasKey;
    private readonly TimeProvider _time;

    public ServerConnection(Uri baseAddress, string? apiKey, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var text = baseAddress.GetLeftPart(UriPartial.Path);
        BaseAddress = new Uri(text.EndsWith('/') ? text : text + "/");
        Display = BaseAddress.ToString().TrimEnd('/');
        _time = timeProvider;
        _hasKey = apiKey is not null;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) })
        {
            BaseAddress = BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan, // per request below: an event stream has no end time
        };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.TryAddWithoutValidation(ApiKeyHeader, apiKey);
        }
    }

    /// <summary>The base address (ends with '/').</summary>
    public Uri BaseAddress { get; }

    /// <summary>The address as people read it (no trailing '/').</summary>
    public string Display { get; }

    /// <summary>The JSON of the API: web names, enums as strings (the engine's payloads pass through with the same rules).</summary>
    public static JsonSerializerOptions Json => JsonDataConverter.Default.Options;

    /// <summary>Sends a request to <paramref name="path"/> (relative to the base address) with an optional JSON body. Any
    /// answer but 401/403 is returned for the caller to read; see <see cref="FailureAsync"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body = null, IReadOnlyDictionary<string, string>? headers = null, bool stream = false, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body, body.GetType(), options: Json);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var limit = new CancellationTokenSource(stream ? Timeout.InfiniteTimeSpan : RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, linked.Token);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ServerException(string.Create(CultureInfo.InvariantCulture, $"the server at {Display} did not answer within {RequestTimeout.TotalSeconds:0} s")) { Unreachable = true };
        }

        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var status = Status(response);
            response.Dispose();
            throw new ServerException(_hasKey
                ? $"the server at {Display} refused the API key ({status}); check --api-key or NEXUS_API_KEY"
                : $"the server at {Display} needs an API key ({status}); pass --api-key KEY or set NEXUS_API_KEY");
        }

        return response;
    }

    /// <summary>GETs <paramref name="path"/> and reads the JSON answer; <see langword="null"/> on 404 when
    /// <paramref name="notFoundIsNull"/>.</summary>
    public async Task<T?> GetAsync<T>(string path, bool notFoundIsNull = false, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, path, cancellationToken: cancellationToken);
        if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
        {
            return default;
        }

        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>The JSON body of a successful answer (else its problem as a <see cref="ServerException"/>).</summary>
    public async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(response, cancellationToken);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new JsonException("the body is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new ServerException($"the server at {Display} sent an answer that is not from the NEXUS API ({Status(response)}: {CommandAction.OneLine(e.Message)})");
        }
    }

    /// <summary>The one-line error of an unsuccessful answer: its problem details' title and detail, else the status.</summary>
    public async Task<ServerException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new ServerException(await DescribeAsync(response, cancellationToken));
    }

    /// <summary>What an unsuccessful answer says: "Title (409): detail", or the status when it has no problem details.</summary>
    public async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = Status(response);
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = document.RootElement;
            var title = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var detail = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (title is not null || detail is not null)
            {
                var code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                return CommandAction.OneLine(detail is null ? $"{title} ({code})" : $"{title ?? "Error"} ({code}): {detail}");
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the status says it.
        }

        return $"the server at {Display} answered {status}";
    }

    /// <summary>The <c>detail</c> of a problem details answer, or <see langword="null"/> when it has none.</summary>
    public static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                ? CommandAction.OneLine(d.GetString()!)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Status(HttpResponseMessage response) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {response.ReasonPhrase}").TrimEnd();

    private ServerException Unreachable(HttpRequestException e)
    {
        // The innermost message names the cause ("Connection refused (127.0.0.1:1)", "Name or service not known").
        Exception inner = e;
        while (inner.InnerException is { } cause)
        {
            inner = cause;
        }

        return new ServerException($"cannot reach the server at {Display}: {CommandAction.OneLine(inner.Message)}") { Unreachable = true };
    }
}
