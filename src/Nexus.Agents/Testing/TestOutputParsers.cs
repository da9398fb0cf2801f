using System.Text.RegularExpressions;

namespace Nexus.Agents.Testing;

/// <summary>Chooses the parser for a framework; for <c>npm test</c> and configured commands tries each in turn.</summary>
internal static partial class TestOutputParsers
{
    private static readonly Func<string, ParsedTestOutput?>[] _anyFormat =
    [
        DotnetTestOutputParser.Parse,
        PytestOutputParser.Parse,
        UnittestOutputParser.Parse,
        CargoTestOutputParser.Parse,
        NodeTestOutputParser.Parse,
        GoTestOutputParser.Parse,
    ];

    public static ParsedTestOutput Parse(TestFramework framework, string output)
    {
        var text = Ansi().Replace(output.ReplaceLineEndings("\n"), string.Empty);
        var parsed = framework switch
        {
            TestFramework.Dotnet => DotnetTestOutputParser.Parse(text),
            TestFramework.NodeTest => NodeTestOutputParser.Parse(text),
            TestFramework.Pytest => PytestOutputParser.Parse(text),
            TestFramework.Unittest => UnittestOutputParser.Parse(text),
            TestFramework.Go => GoTestOutputParser.Parse(text),
            TestFramework.Cargo => CargoTestOutputParser.Parse(text),
            _ => _anyFormat.Select(parse => parse(text)).FirstOrDefault(result => result is not null),
        };
        return parsed ?? ParsedTestOutput.Unknown;
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[ -/]*[@-~]", RegexOptions.CultureInvariant)]
    private static partial Regex Ansi();
}
