namespace Nexus.Agents.Quality;

/// <summary>One token of JavaScript source as <see cref="JsTokenizer"/> reads it.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">Its text (a string, template or regex literal is kept whole, with its quotes).</param>
/// <param name="Line">The line it starts on, from 1.</param>
internal readonly record struct JsToken(JsTokenKind Kind, string Text, int Line);

/// <summary>The kinds of <see cref="JsToken"/>.</summary>
internal enum JsTokenKind
{
    /// <summary>An identifier or a keyword.</summary>
    Word,

    /// <summary>A number.</summary>
    Number,

    /// <summary>A string, template or regular expression literal.</summary>
    Literal,

    /// <summary>An operator or punctuation mark.</summary>
    Punctuator,
}
