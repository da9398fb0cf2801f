namespace Nexus.Agents.Quality;

/// <summary>NEXUS's own cyclomatic complexity counter for JavaScript: 1 per function plus one per decision point, found
/// with a tokenizer rather than a parser.</summary>
/// <remarks>
/// <para>Decision points: <c>if</c>, <c>for</c> (also <c>for…in</c>/<c>for…of</c>), <c>while</c> (also <c>do…while</c>),
/// each <c>case</c>, <c>catch</c>, the conditional operator <c>? :</c> and the short-circuit operators <c>&amp;&amp;</c>,
/// <c>||</c>, <c>??</c> (and their assignment forms). Not counted: <c>else</c>, <c>default</c>, optional chaining
/// <c>?.</c>, default parameter values. Nothing inside strings, templates (but their <c>${…}</c>), regular expressions or
/// comments is counted (see <see cref="JsTokenizer"/>).</para>
/// <para>Functions: <c>function</c> declarations and expressions, methods (<c>name(…) {</c> in classes and object
/// literals, getters and setters) and arrow functions, with a block or an expression body. A nested function is
/// measured on its own and its decisions do not count for the function around it. Code outside any function is not
/// reported. An expression-bodied arrow ends at the <c>,</c>, <c>;</c> or closing bracket of its level, or at a new
/// statement keyword when a semicolon is missing.</para>
/// <para>There is no npm analyzer NEXUS can rely on offline inside the sandbox, hence this counter; it is close to, not
/// identical with, ESLint's <c>complexity</c> rule (which also counts default values and optional chaining).</para>
/// </remarks>
public static class ComplexityCounter
{
    private static readonly HashSet<string> DecisionWords = new(StringComparer.Ordinal) { "if", "for", "while", "case", "catch" };

    private static readonly HashSet<string> DecisionOperators = new(StringComparer.Ordinal) { "&&", "||", "??", "&&=", "||=", "??=", "?" };

    private static readonly HashSet<string> BlockKeywords = new(StringComparer.Ordinal) { "if", "for", "while", "switch", "catch", "with", "await", "function" };

    private static readonly HashSet<string> StatementStarts = new(StringComparer.Ordinal)
    {
        "const", "let", "var", "function", "class", "if", "for", "while", "do", "return", "export", "import", "switch", "try", "throw",
    };

    /// <summary>Measures every function of a JavaScript source file.</summary>
    /// <param name="file">The path to report the functions under.</param>
    /// <param name="source">The file's text.</param>
    public static IReadOnlyList<FunctionComplexity> Measure(string file, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(source);
        var tokens = JsTokenizer.Tokenize(source);
        var functions = new List<(string Name, int Line, int EndLine, int Decisions)>();
        var frames = new Stack<(string Open, int Owner, int Index)>();
        var arrows = new Stack<(int Depth, int Owner)>(); // expression-bodied arrows: the frame depth they live at
        var openOf = new Dictionary<int, int>(); // index of a closing bracket → index of its opening one

        int Owner() => arrows.Count > 0 && arrows.Peek().Depth == frames.Count ? arrows.Peek().Owner : frames.Count > 0 ? frames.Peek().Owner : -1;

        void EndArrows(int line)
        {
            while (arrows.Count > 0 && arrows.Peek().Depth == frames.Count)
            {
                var owner = arrows.Pop().Owner;
                functions[owner] = functions[owner] with { EndLine = line };
            }
        }

        int Start(string name, int line)
        {
            functions.Add((name, line, line, 0));
            return functions.Count - 1;
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var previous = i > 0 ? tokens[i - 1] : default;
            if (token.Kind == JsTokenKind.Word && StatementStarts.Contains(token.Text) && previous.Line < token.Line
                && previous.Text is not ("." or "?." or "=" or "=>" or "(" or ","))
            {
                EndArrows(previous.Line); // a new statement on a new line ends an expression arrow left without `;`
            }

            var isDecision = token.Kind switch
            {
                JsTokenKind.Word => DecisionWords.Contains(token.Text) && previous.Text is not ("." or "?."),
                JsTokenKind.Punctuator => DecisionOperators.Contains(token.Text),
                _ => false,
            };
            if (isDecision && Owner() is var owner and >= 0)
            {
                functions[owner] = functions[owner] with { Decisions = functions[owner].Decisions + 1 };
            }

            if (token.Kind != JsTokenKind.Punctuator)
            {
                continue;
            }

            switch (token.Text)
            {
                case "{":
                    var body = BodyName(tokens, i, openOf);
                    frames.Push(("{", body is { } name ? Start(name, token.Line) : Owner(), i));
                    break;
                case "(" or "[":
                    frames.Push((token.Text, Owner(), i));
                    break;
                case "}" or ")" or "]":
                    EndArrows(token.Line);
                    if (frames.Count > 0)
                    {
                        var frame = frames.Pop();
                        openOf[i] = frame.Index;
                        if (frame.Open == "{" && frame.Owner >= 0 && (frames.Count == 0 || frames.Peek().Owner != frame.Owner) && !IsOwnedByArrow(arrows, frames.Count, frame.Owner))
                        {
                            functions[frame.Owner] = functions[frame.Owner] with { EndLine = token.Line };
                        }
                    }

                    break;
                case "," or ";":
                    EndArrows(token.Line);
                    break;
                case "=>" when i + 1 < tokens.Count && tokens[i + 1].Text != "{":
                    arrows.Push((frames.Count, Start(ArrowName(tokens, i, openOf), token.Line)));
                    break;
            }
        }

        var last = tokens.Count > 0 ? tokens[^1].Line : 1;
        while (arrows.Count > 0)
        {
            var owner = arrows.Pop().Owner;
            functions[owner] = functions[owner] with { EndLine = last };
        }

        return [.. functions.Select(f => new FunctionComplexity(file, f.Name, f.Line, Math.Max(f.Line, f.EndLine), 1 + f.Decisions))];
    }

    private static bool IsOwnedByArrow(Stack<(int Depth, int Owner)> arrows, int depth, int owner) =>
        arrows.Any(a => a.Owner == owner && a.Depth <= depth);

    // The name of the function whose body the `{` at `index` opens, or null when it opens a block or an object.
    private static string? BodyName(List<JsToken> tokens, int index, Dictionary<int, int> openOf)
    {
        if (index == 0)
        {
            return null;
        }

        var before = tokens[index - 1];
        if (before.Text == "=>")
        {
            return ArrowName(tokens, index - 1, openOf);
        }

        if (before.Text != ")" || !openOf.TryGetValue(index - 1, out var open) || open == 0)
        {
            return null;
        }

        var callee = tokens[open - 1];
        if (callee.Kind != JsTokenKind.Word)
        {
            return null;
        }

        if (callee.Text == "function")
        {
            return NameBefore(tokens, open - 1);
        }

        if (BlockKeywords.Contains(callee.Text))
        {
            return null;
        }

        // `function name(…) {`, or a method `name(…) {` (also `get name() {`, `async name() {`, `*name() {`).
        return callee.Text;
    }

    // `const name = (…) =>`, `name: async x =>`: the name the arrow is assigned to, else "(anonymous)".
    private static string ArrowName(List<JsToken> tokens, int arrow, Dictionary<int, int> openOf)
    {
        var start = arrow - 1;
        if (start >= 0 && tokens[start].Text == ")" && openOf.TryGetValue(start, out var open))
        {
            start = open;
        }

        return NameBefore(tokens, start);
    }

    // The name assigned to the function expression that starts at `start` (`name = …`, `name: …`), else "(anonymous)".
    private static string NameBefore(List<JsToken> tokens, int start)
    {
        var k = start - 1;
        if (k >= 0 && tokens[k].Text == "async")
        {
            k--;
        }

        if (start + 1 < tokens.Count && tokens[start].Text == "function" && tokens[start + 1].Kind == JsTokenKind.Word)
        {
            return tokens[start + 1].Text;
        }

        return k >= 1 && tokens[k].Text is "=" or ":" && tokens[k - 1].Kind is JsTokenKind.Word or JsTokenKind.Literal
            ? tokens[k - 1].Text.Trim('\'', '"')
            : "(anonymous)";
    }
}
