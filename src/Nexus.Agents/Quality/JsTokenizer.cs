namespace Nexus.Agents.Quality;

/// <summary>A small JavaScript tokenizer: enough to count decision points per function without a parser.</summary>
/// <remarks>
/// Comments are dropped; string, template and regular expression literals become one <see cref="JsTokenKind.Literal"/>
/// token each, so nothing inside them is counted. The code inside a template's <c>${…}</c> is tokenized as code. A
/// <c>/</c> starts a regular expression where a value is expected (at the start, after an operator, an opening bracket,
/// a comma or a keyword such as <c>return</c>), and divides everywhere else — the usual heuristic, wrong only for a
/// regular expression right after a block's closing brace.
/// </remarks>
internal static class JsTokenizer
{
    // Longest first, so that `&&=` wins over `&&` and `&`.
    private static readonly string[] Punctuators =
    [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=",
        "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>",
    ];

    private static readonly HashSet<string> KeywordsBeforeExpression = new(StringComparer.Ordinal)
    {
        "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await",
    };

    public static List<JsToken> Tokenize(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tokens = new List<JsToken>();
        var templateDepths = new Stack<int>(); // brace depth at which each open `${` returns to its template
        var braceDepth = 0;
        var line = 1;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && At(source, i + 1) == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(source, i + 1) == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                line += Count(source, i, end, '\n');
                i = end;
            }
            else if (c is '\'' or '"')
            {
                var start = i;
                i = SkipQuoted(source, i + 1, c);
                tokens.Add(new JsToken(JsTokenKind.Literal, source[start..i], line));
                line += Count(source, start, i, '\n');
            }
            else if (c == '`' || (c == '}' && templateDepths.Count > 0 && templateDepths.Peek() == braceDepth))
            {
                // A template literal, or the rest of one after a `${…}`: up to the closing backtick or the next `${`.
                if (c == '}')
                {
                    templateDepths.Pop();
                }

                var start = i;
                i = ReadTemplatePart(source, i + 1, out var opensExpression);
                if (opensExpression)
                {
                    templateDepths.Push(braceDepth);
                }

                tokens.Add(new JsToken(JsTokenKind.Literal, source[start..i], line));
                line += Count(source, start, i, '\n');
            }
            else if (c == '/' && ExpectsValue(tokens))
            {
                var start = i;
                i = SkipRegex(source, i + 1);
                tokens.Add(new JsToken(JsTokenKind.Literal, source[start..i], line));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(source, i + 1))))
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] is '.' or '_'))
                {
                    i++;
                }

                tokens.Add(new JsToken(JsTokenKind.Number, source[start..i], line));
            }
            else if (IsWordStart(c))
            {
                var start = i;
                while (i < source.Length && (IsWordStart(source[i]) || char.IsAsciiDigit(source[i])))
                {
                    i++;
                }

                tokens.Add(new JsToken(JsTokenKind.Word, source[start..i], line));
            }
            else
            {
                var text = Punctuators.FirstOrDefault(p => string.CompareOrdinal(source, i, p, 0, p.Length) == 0) ?? c.ToString();
                if (text == "?." && char.IsAsciiDigit(At(source, i + 2)))
                {
                    text = "?"; // `a ?.5 : b` is a conditional, not optional chaining
                }

                braceDepth += text switch { "{" => 1, "}" => -1, _ => 0 };
                tokens.Add(new JsToken(JsTokenKind.Punctuator, text, line));
                i += text.Length;
            }
        }

        return tokens;
    }

    private static char At(string source, int index) => index < source.Length ? source[index] : '\0';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c is '_' or '$' or '#' or '@';

    private static int Count(string source, int start, int end, char what)
    {
        var n = 0;
        for (var i = start; i < end && i < source.Length; i++)
        {
            n += source[i] == what ? 1 : 0;
        }

        return n;
    }

    private static int SkipQuoted(string source, int i, char quote)
    {
        while (i < source.Length && source[i] != quote && source[i] != '\n')
        {
            i += source[i] == '\\' ? 2 : 1;
        }

        return Math.Min(source.Length, i + 1);
    }

    private static int ReadTemplatePart(string source, int i, out bool opensExpression)
    {
        while (i < source.Length)
        {
            if (source[i] == '\\')
            {
                i += 2;
            }
            else if (source[i] == '`')
            {
                opensExpression = false;
                return i + 1;
            }
            else if (source[i] == '$' && At(source, i + 1) == '{')
            {
                opensExpression = true;
                return i + 2;
            }
            else
            {
                i++;
            }
        }

        opensExpression = false;
        return source.Length;
    }

    private static int SkipRegex(string source, int i)
    {
        var inClass = false;
        while (i < source.Length && source[i] != '\n')
        {
            var c = source[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '/' && !inClass)
            {
                i++;
                while (i < source.Length && char.IsAsciiLetter(source[i]))
                {
                    i++; // flags
                }

                return i;
            }

            i++;
        }

        return i;
    }

    // A `/` starts a regular expression where an operand is expected.
    private static bool ExpectsValue(List<JsToken> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var last = tokens[^1];
        return last.Kind switch
        {
            JsTokenKind.Word => KeywordsBeforeExpression.Contains(last.Text),
            JsTokenKind.Number or JsTokenKind.Literal => false,
            _ => last.Text is not (")" or "]" or "}" or "++" or "--"),
        };
    }
}
