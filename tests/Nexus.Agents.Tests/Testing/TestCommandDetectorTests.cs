using Nexus.Agents.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Testing;

public sealed class TestCommandDetectorTests
{
    [Theory]
    [InlineData("App.sln", "dotnet test --nologo")]
    [InlineData("App.csproj", "dotnet test --nologo")]
    [InlineData("src/App/App.csproj|tests/App.Tests/App.Tests.csproj", "dotnet test tests/App.Tests/App.Tests.csproj --nologo")]
    [InlineData("src/App/App.csproj|solution/All.sln", "dotnet test solution/All.sln --nologo")]
    [InlineData("calc.test.js", "node --test --test-reporter=tap")]
    [InlineData("test/deep/calc.test.mjs", "node --test --test-reporter=tap")]
    [InlineData("pytest.ini", "python3 -m pytest -rfE -p no:cacheprovider")]
    [InlineData("tests/test_calc.py", "python3 -m pytest -rfE -p no:cacheprovider")]
    [InlineData("calc_test.py", "python3 -m pytest -rfE -p no:cacheprovider")]
    [InlineData("go.mod", "go test ./...")]
    [InlineData("Cargo.toml", "cargo test")]
    public void Detect_ProjectFiles_ChooseTheCommand(string files, string expected)
    {
        using var workspace = new TestWorkspace([.. files.Split('|').Select(path => (path, "x"))]);

        TestCommandDetector.Detect(workspace.Directory)!.Display.ShouldBe(expected);
    }

    [Fact]
    public void Detect_PackageJsonWithTestScript_UsesNpmTest()
    {
        using var workspace = new TestWorkspace(("package.json", """{ "scripts": { "test": "node --test" } }"""), ("a.test.js", "x"));

        var command = TestCommandDetector.Detect(workspace.Directory)!;

        command.Framework.ShouldBe(TestFramework.Npm);
        command.Display.ShouldBe("npm test");
    }

    [Theory]
    [InlineData("""{ "scripts": { "test": "echo \"Error: no test specified\" && exit 1" } }""")]
    [InlineData("""{ "name": "x" }""")]
    [InlineData("not json")]
    public void Detect_PackageJsonWithoutARealTestScript_FallsBackToNodeTestFiles(string packageJson)
    {
        using var workspace = new TestWorkspace(("package.json", packageJson), ("src/a.test.js", "x"));

        TestCommandDetector.Detect(workspace.Directory)!.Framework.ShouldBe(TestFramework.NodeTest);
    }

    [Fact]
    public void Detect_TestFilesOnlyInsideNodeModules_AreIgnored()
    {
        using var workspace = new TestWorkspace(("node_modules/lib/a.test.js", "x"), ("README.md", "x"));

        TestCommandDetector.Detect(workspace.Directory).ShouldBeNull();
    }

    [Fact]
    public void Detect_EmptyWorkspace_ReturnsNull()
    {
        using var workspace = new TestWorkspace();

        TestCommandDetector.Detect(workspace.Directory).ShouldBeNull();
    }

    [Fact]
    public void Shell_ConfiguredCommand_RunsThroughSh()
    {
        var command = TestCommand.Shell("make test && echo done");

        (command.Framework, command.FileName).ShouldBe((TestFramework.Custom, "sh"));
        command.Arguments.ShouldBe(["-c", "make test && echo done"]);
        command.Display.ShouldBe("sh -c 'make test && echo done'");
    }
}
