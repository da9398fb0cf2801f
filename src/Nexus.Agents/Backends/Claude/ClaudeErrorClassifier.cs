using Nexus.Agents.Abstractions;

namespace Nexus.Agents.Backends.Claude;

/// <summary>Turns what the CLI reported into a classified <see cref="AgentError"/>.</summary>
/// <remarks>
/// The exit code is never the judge: API failures come back as <c>subtype: success</c> with <c>is_error: true</c> (exit 1
/// in some versions, 0 in others), so the decision rests on <c>is_error</c>, <c>subtype</c> and <c>api_error_status</c>,
/// and on the error text when there is no status (connection failures, start-up errors printed only to stderr).
/// </remarks>
internal static class ClaudeErrorClassifier
{
    private static readonly string[] _sessionExpiredMarkers =
    [
        "no conversation found",
        "--resume requires a valid session id",
    ];

    private static readonly string[] _authenticationMarkers =
    [
        "invalid api key",
        "authentication_error",
        "authentication failed",
        "permission_error",
        "unauthorized",
        "forbidden",
        "oauth token",
        "please run /login",
        "not logged in",
    ];

    private static readonly string[] _transientMarkers =
    [
        "overloaded",
        "rate limit",
        "rate_limit",
        "too many requests",
        "timeout",
        "timed out",
        "connection",
        "econnrefused",
        "econnreset",
        "etimedout",
        "enotfound",
        "eai_again",
        "socket hang up",
        "fetch failed",
        "network",
        "server-side issue",
        "internal server error",
        "bad gateway",
        "service unavailable",
        "api_error",
    ];

    /// <summary>The error of a finished run, or <see langword="null"/> when the run succeeded.</summary>
    public static AgentError? Classify(ClaudeResult result, Func<string?, string> redact)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(redact);
        if (!result.IsError && result.Subtype == "success")
        {
            return null;
        }

        var message = redact(Message(result));
        var kind = result.Subtype switch
        {
            "error_max_turns" => AgentErrorKind.MaxTurns,
            "error_max_budget_usd" => AgentErrorKind.Budget,
            _ => FromStatus(result.ApiErrorStatus) ?? FromText(message) ?? AgentErrorKind.Unknown,
        };
        return new AgentError(kind, message) { StatusCode = result.ApiErrorStatus };
    }

    /// <summary>The error of a run that printed no result: a start-up failure (stderr only) or a crash.</summary>
    /// <remarks>On Unix an exit code of 128 + N is how a process killed by signal N ends (directly, or through the
    /// sandbox, which passes its child's death on that way). NEXUS's own kills (time limit, cancellation) are reported
    /// before this point, so such a code means the process was killed from outside: the out-of-memory killer, a person.</remarks>
    public static AgentError FromStartupFailure(int exitCode, string stderr, Func<string?, string> redact)
    {
        ArgumentNullException.ThrowIfNull(redact);
        var text = LastLines(redact(stderr), 20);
        var ended = KilledBy(exitCode) is { } signal
            ? $"claude was killed by signal {signal} from outside NEXUS (exit code {exitCode})"
            : $"claude exited with code {exitCode}";
        var message = text.Length == 0 ? $"{ended} and printed no result." : $"{ended} and printed no result: {text}";
        return new AgentError(FromText(text) ?? AgentErrorKind.Unknown, message);
    }

    /// <summary>The signal an exit code of 128 + N reports on Unix ("9 (SIGKILL)"), or <see langword="null"/>.</summary>
    internal static string? KilledBy(int exitCode)
    {
        if (OperatingSystem.IsWindows() || exitCode is <= 128 or > 128 + 64)
        {
            return null;
        }

        var number = exitCode - 128;
        var name = number switch
        {
            1 => "SIGHUP",
            2 => "SIGINT",
            3 => "SIGQUIT",
            6 => "SIGABRT",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            13 => "SIGPIPE",
            15 => "SIGTERM",
            _ => null,
        };
        return name is null ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{number} ({name})";
    }

    /// <summary>The class of an HTTP status from the model API.</summary>
    public static AgentErrorKind? FromStatus(int? status) => status switch
    {
        null => null,
        401 or 403 => AgentErrorKind.Authentication,
        404 => AgentErrorKind.ModelNotFound,
        408 or 409 or 425 or 429 => AgentErrorKind.Transient,
        >= 500 and <= 599 => AgentErrorKind.Transient,
        _ => null,
    };

    /// <summary>The class suggested by an error text, or <see langword="null"/> when nothing in it is telling.</summary>
    public static AgentErrorKind? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var lower = text.ToLowerInvariant();
        if (_sessionExpiredMarkers.Any(lower.Contains))
        {
            return AgentErrorKind.SessionExpired;
        }

        if (_authenticationMarkers.Any(lower.Contains))
        {
            return AgentErrorKind.Authentication;
        }

        if (lower.Contains("model", StringComparison.Ordinal) &&
            (lower.Contains("not found", StringComparison.Ordinal) || lower.Contains("not_found", StringComparison.Ordinal) ||
             lower.Contains("does not exist", StringComparison.Ordinal) || lower.Contains("may not exist", StringComparison.Ordinal)))
        {
            return AgentErrorKind.ModelNotFound;
        }

        return _transientMarkers.Any(lower.Contains) ? AgentErrorKind.Transient : null;
    }

    private static string Message(ClaudeResult result)
    {
        if (!string.IsNullOrWhiteSpace(result.Text))
        {
            return result.Text;
        }

        if (result.Errors.Count > 0)
        {
            return string.Join("; ", result.Errors);
        }

        return $"claude reported {(result.Subtype.Length == 0 ? "an error" : result.Subtype)} without a message.";
    }

    private static string LastLines(string text, int count)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("[claude-code:", StringComparison.Ordinal))
            .ToList();
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)));
    }
}
