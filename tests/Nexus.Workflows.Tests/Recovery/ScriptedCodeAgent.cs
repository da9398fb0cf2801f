using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nexus.Testing.Claude;
using Nexus.Workflows.Tests.Support;

namespace Nexus.Workflows.Tests.Recovery;

/// <summary>Code's side of the fake Anthropic API: the model answers of the demo's recorded Code turns, played through the
/// real <c>claude</c> CLI as tool uses, so Claude Code itself writes the files into the workspace.</summary>
/// <remarks>
/// The turn comes from the prompt NEXUS sends (<c># NEXUS step: implement (iteration N)</c>, the last one in the
/// conversation), the position within the turn from the <c>tool_result</c>s that follow it. Iteration 1 writes the demo's
/// buggy implementation (samples/demo/code/001.json); iteration 2 reads and rewrites <c>src/slugify.js</c> with the fix
/// (002.json). The first request of iteration 2 is held unanswered (<see cref="FixTurnHeld"/>) so the test can kill
/// everything while Claude waits for it; later requests of iteration 2 are answered.
/// </remarks>
internal sealed partial class ScriptedCodeAgent(string workspace)
{
    /// <summary>The model Code is configured with; the fake tells Code's requests apart by it.</summary>
    public const string Model = "nexus-crash-code";

    private readonly RecordedCodeTurn _implement = RecordedCodeTurn.Load(1);
    private readonly RecordedCodeTurn _fix = RecordedCodeTurn.Load(2);
    private readonly TaskCompletionSource<RecordedRequest> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<IReadOnlyList<string>> _fixCommandLines = [];
    private int _fixStarts;

    /// <summary>Completes with the request of the fix turn that is being held.</summary>
    public Task<RecordedRequest> FixTurnHeld => _held.Task;

    /// <summary>The arguments of the <c>claude</c> process that sent the first request of each attempt of the fix turn, read
    /// from /proc while that process waited for the answer.</summary>
    public IReadOnlyList<IReadOnlyList<string>> FixCommandLines
    {
        get
        {
            lock (_fixCommandLines)
            {
                return [.. _fixCommandLines];
            }
        }
    }

    /// <summary>Code's answer at the end of iteration 1.</summary>
    public string ImplementSummary => _implement.Summary.Trim();

    public FakeReply Reply(RecordedRequest request)
    {
        var messages = request.Messages;
        var prompt = LastPromptIndex(messages);
        if (prompt < 0)
        {
            return FakeReply.Text("No NEXUS step in this request.");
        }

        var iteration = int.Parse(IterationPattern().Match(messages[prompt].Text).Groups[1].Value, CultureInfo.InvariantCulture);
        var done = messages.Skip(prompt + 1).Count(m => m.Role == "user" && m.Text.Contains("[tool_result", StringComparison.Ordinal));
        switch (iteration)
        {
            case 1:
                return done < _implement.Edits.Count ? Write(_implement.Edits[done]) : FakeReply.Text(_implement.Summary);
            case 2 when done == 0:
                RecordClaudeCommandLine();
                if (Interlocked.Increment(ref _fixStarts) == 1)
                {
                    _held.TrySetResult(request);
                    return FakeReply.Hang;
                }

                // Claude Code refuses to overwrite a file it has not read in this session.
                return FakeReply.ToolUse("Read", new { file_path = Path.Combine(workspace, _fix.Edits[0].Path) });
            case 2:
                return done - 1 < _fix.Edits.Count ? Write(_fix.Edits[done - 1]) : FakeReply.Text(_fix.Summary);
            default:
                return FakeReply.Text($"Code has no recorded turn for iteration {iteration}.");
        }
    }

    /// <summary>The conversation a request carries: its user and assistant messages (Claude Code adds a <c>system</c>
    /// message describing the environment to each request, which is not part of the recorded session).</summary>
    public static IReadOnlyList<(string Role, string Text)> Conversation(RecordedRequest request) =>
        [.. request.Messages.Where(m => m.Role != "system").Select(m => (m.Role, m.Role == "assistant" ? m.Text.Trim() : m.Text))];

    /// <summary>How many times the iteration-2 prompt appears in <paramref name="request"/> (2 when an interrupted attempt
    /// left its prompt in the session the retry resumes).</summary>
    public static int FixPrompts(RecordedRequest request) =>
        Regex.Count(request.AllMessagesText, Regex.Escape("# NEXUS step: implement (iteration 2)"));

    /// <summary>What Claude Code's Write tool puts on disk for <paramref name="path"/> in iteration <paramref name="iteration"/>:
    /// the recorded content, with <c>\uXXXX</c> escapes in it decoded (the CLI's Write tool decodes them; the demo's regex
    /// <c>/[\u0300-\u036f]/</c> becomes the combining marks themselves, which JavaScript reads the same).</summary>
    public string WrittenContent(int iteration, string path) =>
        UnicodeEscape().Replace(
            (iteration == 1 ? _implement : _fix).Edits.Single(e => e.Path == path).Content,
            m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    // The claude process that sent this request is alive (it waits for the answer) and runs in the workspace.
    private void RecordClaudeCommandLine()
    {
        var claude = ProcessTree.RunningIn(workspace)
            .Select(ProcessTree.ArgumentsOf)
            .Where(arguments => arguments.Count > 0 && Path.GetFileName(arguments[0]) == "claude")
            .ToList();
        lock (_fixCommandLines)
        {
            _fixCommandLines.Add(claude.Count == 1 ? claude[0] : [$"expected one claude process in the workspace, found {claude.Count}"]);
        }
    }

    private FakeReply Write(RecordedEdit edit) =>
        FakeReply.ToolUse("Write", new { file_path = Path.Combine(workspace, edit.Path), content = edit.Content });

    private static int LastPromptIndex(IReadOnlyList<(string Role, string Text)> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == "user" && IterationPattern().IsMatch(messages[i].Text))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"# NEXUS step: implement \(iteration (\d+)\)")]
    private static partial Regex IterationPattern();

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex UnicodeEscape();
}
