using Nexus.Agents.Processes;
using Nexus.Agents.Quality;
using Nexus.Agents.Tests.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>NEXUS's ast-based Python complexity counter (run with a real python3) against a fixture with every construct
/// it counts, its numbers counted by hand in the comments.</summary>
public sealed class PythonComplexityTests
{
    // Complexity is 1 + the decision points in each function's comments.
    private const string Constructs = """
        def plain():
            return 1


        def branches(a, b, items):
            if a:  # +1
                pass
            elif b:  # +1
                pass
            else:
                pass
            for x in items:  # +1
                pass
            else:  # +1
                pass
            while a:  # +1
                break
            try:
                pass
            except ValueError:  # +1
                pass
            except (KeyError, TypeError):  # +1
                pass
            else:  # +1
                pass
            finally:
                pass
            return a and b or items  # +1 (or) +1 (and)


        def expressions(xs, flag):
            assert xs  # +1
            value = 1 if flag else 2  # +1
            evens = [x for x in xs if x % 2 if x > 0]  # +1 (for) +2 (ifs)
            pairs = {x: y for x in xs for y in xs}  # +2 (fors)
            with open(__file__) as handle:
                pass
            return value, evens, pairs, handle


        def matcher(command):
            match command:
                case "go":  # +1
                    return 1
                case [x, y] if x > y:  # +1 +1 (guard)
                    return 2
                case _:
                    return 3


        class Shape:
            def area(self):
                return 0 if self else 1  # +1

            async def load(self, rows):
                async for row in rows:  # +1
                    pass


        def outer(items):
            def inner(x):
                return x or 0  # inner +1
            key = lambda item: item if item else 0  # lambda +1
            return sorted(items, key=key) if items else []  # outer +1

        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Measure_EveryConstruct_CountsAsDocumented()
    {
        using var workspace = new TestWorkspace(("constructs.py", Constructs));

        var (python, functions, errors) = await CountAsync(workspace, "constructs.py");

        python.ShouldNotBeNullOrEmpty();
        errors.ShouldBeEmpty();
        functions.ShouldNotBeNull();
        functions.Select(f => (f.Name, f.Line, f.EndLine, f.Complexity)).ShouldBe(
        [
            ("plain", 1, 2, 1),
            ("branches", 5, 28, 11),
            ("expressions", 31, 38, 8),
            ("matcher", 41, 48, 4),
            ("Shape.area", 52, 53, 2),
            ("Shape.load", 55, 57, 2),
            ("outer", 60, 64, 2),
            ("outer.inner", 61, 62, 2),
            ("(lambda)", 63, 63, 2),
        ]);
        functions.ShouldAllBe(f => f.File == "constructs.py");
    }

    [Fact]
    public async Task Measure_FileThatDoesNotParse_IsNamedAndTheOthersAreMeasured()
    {
        using var workspace = new TestWorkspace(("broken.py", "def f(:\n    pass\n"), ("fine.py", "def g(a):\n    return a or 1\n"));

        var (_, functions, errors) = await CountAsync(workspace, "broken.py", "fine.py");

        errors.ShouldBe(["broken.py: SyntaxError at line 1"]);
        functions!.ShouldHaveSingleItem().ShouldBe(new FunctionComplexity("fine.py", "g", 1, 2, 2));
    }

    [Fact]
    public void Parse_OutputThatIsNotTheCounters_HasNoFunctions() =>
        PythonComplexity.Parse("Traceback (most recent call last):\n").Functions.ShouldBeNull();

    private static async Task<(string? Python, IReadOnlyList<FunctionComplexity>? Functions, IReadOnlyList<string> Errors)> CountAsync(TestWorkspace workspace, params string[] files)
    {
        var outcome = await new ProcessRunner().RunAsync(
            new ProcessSpec { FileName = "python3", Arguments = PythonComplexity.Arguments(files), WorkingDirectory = workspace.Directory }, Ct);
        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        return PythonComplexity.Parse(outcome.Stdout);
    }
}
