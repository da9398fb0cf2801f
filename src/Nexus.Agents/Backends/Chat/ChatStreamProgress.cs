using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Nexus.Agents.Abstractions;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Chat;

/// <summary>Turns a chat model's streamed reply into progress notes while it arrives: how much has come in (at most every
/// <see cref="Interval"/>), and each file the reply's edits name, as soon as its <c>"path"</c> is complete.</summary>
/// <remarks>Reports go to <see cref="AgentTurnRequest.Progress"/>, redacted; a receiver that throws is not called again
/// (the turn goes on). Not thread-safe: one stream, one reader.</remarks>
internal sealed partial class ChatStreamProgress(AgentTurnRequest request, string backend, string model, SecretRedactor redactor, TimeProvider timeProvider)
{
    /// <summary>The least time between two "how much" notes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private IProgress<AgentProgress>? _progress = request.Progress;
    private long? _lastReport;
    private int _scanned;

    /// <summary>The reply so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Adds a piece of the reply.</summary>
    public void Append(string? delta)
    {
        if (string.IsNullOrEmpty(delta))
        {
            return;
        }

        _text.Append(delta);
        if (_progress is null)
        {
            return;
        }

        ReportNewPaths();
        if (_lastReport is null || timeProvider.GetElapsedTime(_lastReport.Value) >= Interval)
        {
            _lastReport = timeProvider.GetTimestamp();
            Report(new AgentProgress(
                request.Agent.Id,
                string.Create(CultureInfo.InvariantCulture, $"{backend}: {model} is answering ({_text.Length:N0} characters so far)"),
                Kind: AgentProgressKind.Streaming));
        }
    }

    // A path is reported once its closing quote has arrived; the scan resumes a little before where it stopped, so a path
    // split across pieces is found when it is complete.
    private void ReportNewPaths()
    {
        var start = Math.Max(0, _scanned - 512);
        var text = _text.ToString(start, _text.Length - start);
        foreach (Match match in PathPattern().Matches(text))
        {
            var path = Regex.Unescape(match.Groups[1].Value);
            if (_paths.Add(path))
            {
                var shown = redactor.Redact(path);
                Report(new AgentProgress(request.Agent.Id, $"Edit {shown}", Kind: AgentProgressKind.Tool, Tool: "Edit", Target: shown));
            }
        }

        _scanned = _text.Length;
    }

    private void Report(AgentProgress progress)
    {
        try
        {
            _progress?.Report(progress with { Message = redactor.Redact(progress.Message) });
        }
#pragma warning disable CA1031 // A faulty receiver must not fail the turn; it is dropped.
        catch (Exception)
#pragma warning restore CA1031
        {
            _progress = null;
        }
    }

    [GeneratedRegex("\"path\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,400})\"")]
    private static partial Regex PathPattern();
}
