using Nexus.Agents.Quality;
using Nexus.Agents.Tests.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>How the QA gate runs a Python project's tests under coverage.py, from its test command.</summary>
public sealed class PythonTestCommandTests
{
    [Theory]
    [InlineData("python3 -m unittest discover -s tests -t . -v", "unittest discover -s tests -t . -v")]
    [InlineData("python -m pytest -q tests", "pytest -q tests")]
    [InlineData("/usr/bin/python3.11 -m unittest", "unittest")]
    [InlineData("pytest -x", "pytest -x")]
    [InlineData("scripts/test.sh", "unittest discover")]
    [InlineData("python3 -m unittest && echo done", "unittest discover")]
    [InlineData(null, "unittest discover")]
    public void ModuleArguments_FromTheTestCommand(string? command, string expected)
    {
        using var workspace = new TestWorkspace();

        string.Join(' ', PythonTestCommand.ModuleArguments(command, workspace.Directory)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("conftest.py", "")]
    [InlineData("pytest.ini", "[pytest]\n")]
    [InlineData("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n")]
    public void ModuleArguments_ProjectSetUpForPytest_DefaultsToPytest(string file, string content)
    {
        using var workspace = new TestWorkspace((file, content));

        PythonTestCommand.ModuleArguments("make test", workspace.Directory).ShouldBe(["pytest"]);
    }
}
