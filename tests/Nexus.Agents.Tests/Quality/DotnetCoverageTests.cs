using Nexus.Agents.Quality;
using Nexus.Agents.Tests.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Quality;

/// <summary>Reading coverlet's Cobertura reports (shapes taken from coverlet.collector 6.0.4's output on .NET 10), and how
/// the gate runs a .NET project's tests.</summary>
public sealed class DotnetCoverageTests
{
    // Grade: three ifs (coverlet's own complexity attribute says 6, its branch outcomes); Name: a switch expression with
    // four outcomes at one branch point; LaterAsync's state machine: an await and a ?: (two branch points).
    private const string Report = """
        <?xml version="1.0" encoding="utf-8"?>
        <coverage line-rate="0.6" branch-rate="0.3" version="1.9" timestamp="1796499405">
          <sources>
            <source>WORKSPACE/Calc/</source>
          </sources>
          <packages>
            <package name="Calc">
              <classes>
                <class name="Calc.Pricing" filename="Pricing.cs">
                  <methods>
                    <method name="Grade" signature="(System.Int32)" complexity="6">
                      <lines>
                        <line number="11" hits="1" branch="False" />
                        <line number="12" hits="1" branch="True" condition-coverage="50% (1/2)"><conditions><condition number="11" type="jump" coverage="50%" /></conditions></line>
                        <line number="17" hits="0" branch="True" condition-coverage="0% (0/2)"><conditions><condition number="32" type="jump" coverage="0%" /></conditions></line>
                        <line number="22" hits="0" branch="True" condition-coverage="0% (0/2)"><conditions><condition number="53" type="jump" coverage="0%" /></conditions></line>
                        <line number="28" hits="1" branch="False" />
                      </lines>
                    </method>
                    <method name="get_Name" signature="()" complexity="4">
                      <lines>
                        <line number="31" hits="1" branch="True" condition-coverage="25% (1/4)"><conditions><condition number="7" type="switch" coverage="25%" /></conditions></line>
                      </lines>
                    </method>
                  </methods>
                  <lines>
                    <line number="11" hits="1" branch="False" />
                    <line number="12" hits="1" branch="True" condition-coverage="50% (1/2)"><conditions><condition number="11" type="jump" coverage="50%" /></conditions></line>
                    <line number="17" hits="0" branch="True" condition-coverage="0% (0/2)"><conditions><condition number="32" type="jump" coverage="0%" /></conditions></line>
                    <line number="22" hits="0" branch="True" condition-coverage="0% (0/2)"><conditions><condition number="53" type="jump" coverage="0%" /></conditions></line>
                    <line number="28" hits="1" branch="False" />
                    <line number="31" hits="1" branch="True" condition-coverage="25% (1/4)"><conditions><condition number="7" type="switch" coverage="25%" /></conditions></line>
                  </lines>
                </class>
                <class name="Calc.Pricing/&lt;LaterAsync&gt;d__2" filename="Pricing.cs">
                  <methods>
                    <method name="MoveNext" signature="()" complexity="4">
                      <lines>
                        <line number="40" hits="1" branch="False" />
                        <line number="41" hits="1" branch="True" condition-coverage="100% (2/2)"><conditions><condition number="36" type="jump" coverage="100%" /></conditions></line>
                        <line number="42" hits="1" branch="True" condition-coverage="50% (1/2)"><conditions><condition number="118" type="jump" coverage="50%" /></conditions></line>
                      </lines>
                    </method>
                  </methods>
                  <lines>
                    <line number="40" hits="1" branch="False" />
                    <line number="41" hits="1" branch="True" condition-coverage="100% (2/2)"><conditions><condition number="36" type="jump" coverage="100%" /></conditions></line>
                    <line number="42" hits="1" branch="True" condition-coverage="50% (1/2)"><conditions><condition number="118" type="jump" coverage="50%" /></conditions></line>
                  </lines>
                </class>
                <class name="Outside.Thing" filename="/elsewhere/Thing.cs">
                  <methods />
                  <lines><line number="1" hits="1" branch="False" /></lines>
                </class>
              </classes>
            </package>
          </packages>
        </coverage>
        """;

    [Fact]
    public void Parse_CoverletReport_CoverageAndMcCabeComplexityFromTheBranchPoints()
    {
        using var workspace = new TestWorkspace(("Calc/Pricing.cs", "namespace Calc;\n"));

        var (files, functions) = DotnetCoverage.Parse([ReportIn(workspace.Directory)], workspace.Directory);

        files.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.File.ShouldBe("Calc/Pricing.cs"), // /elsewhere/Thing.cs is outside the workspace
            f => (f.Lines, f.CoveredLines, f.Branches, f.CoveredBranches).ShouldBe((9, 7, 14, 5)),
            f => f.UncoveredLines.ShouldBe([17, 22]));
        functions.Select(f => (f.Name, f.Line, f.EndLine, f.Complexity)).ShouldBe(
        [
            ("Pricing.Grade", 11, 28, 4), // 1 + 3 ifs, not coverlet's 6
            ("Pricing.Name.get", 31, 31, 4), // 1 + (4 outcomes - 1)
            ("Pricing.LaterAsync", 40, 42, 3), // the await's completed check counts: it is an IL branch
        ]);
    }

    [Fact]
    public void Parse_TwoReports_MergedLineByLine()
    {
        using var workspace = new TestWorkspace(("Calc/Pricing.cs", "namespace Calc;\n"));
        var first = ReportIn(workspace.Directory);
        var second = first.Replace("<line number=\"17\" hits=\"0\" branch=\"True\" condition-coverage=\"0% (0/2)\">", "<line number=\"17\" hits=\"3\" branch=\"True\" condition-coverage=\"50% (1/2)\">", StringComparison.Ordinal);

        var (files, functions) = DotnetCoverage.Parse([first, second], workspace.Directory);

        var file = files.ShouldHaveSingleItem();
        (file.CoveredLines, file.CoveredBranches).ShouldBe((8, 6));
        file.UncoveredLines.ShouldBe([22]);
        functions.Count.ShouldBe(3);
    }

    [Fact]
    public void Reports_BetweenTheDriversMarkers()
    {
        var output = $"noise\n{DotnetCoverage.Begin}\n<coverage a=\"1\" />\n\n{DotnetCoverage.End}\n{DotnetCoverage.Begin}\n<coverage a=\"2\" />\n\n{DotnetCoverage.End}\n";

        DotnetCoverage.Reports(output).ShouldBe(["<coverage a=\"1\" />\n", "<coverage a=\"2\" />\n"]);
    }

    [Fact]
    public void Parse_ReportWithADocumentTypeDefinition_IsRefused() =>
        Should.Throw<System.Xml.XmlException>(() => DotnetCoverage.Parse(["<!DOCTYPE x [<!ENTITY e \"x\">]><coverage>&e;</coverage>"], "/tmp"));

    [Theory]
    [InlineData("Calc.Pricing", "Twice", "Pricing.Twice")]
    [InlineData("Calc.Pricing/<LaterAsync>d__2", "MoveNext", "Pricing.LaterAsync")]
    [InlineData("Calc.Shapes/<Count>d__7", "MoveNext", "Shapes.Count")]
    [InlineData("Calc.Shapes", "<Local>g__Abs|8_0", "Shapes.Local.Abs")]
    [InlineData("Calc.Pricing/<>c", "<Adder>b__3_0", "Pricing.Adder.<lambda>")]
    [InlineData("Calc.Pricing/<>c/<<Adder>b__3_0>d", "MoveNext", "Pricing.Adder.<lambda>")]
    [InlineData("Calc.Shapes", "get_Name", "Shapes.Name.get")]
    [InlineData("Calc.Shapes", ".ctor", "Shapes.Shapes")]
    [InlineData("Calc.Outer/Inner", "Run", "Outer.Inner.Run")]
    [InlineData("Program", "<Main>$", "Program.<top-level statements>")]
    public void Name_AsAPersonReadsIt(string type, string method, string expected) => DotnetCoverage.Name(type, method).ShouldBe(expected);

    [Theory]
    [InlineData("dotnet test Api.Tests/Api.Tests.csproj", "Api.Tests/Api.Tests.csproj")]
    [InlineData("dotnet test App.sln -c Release", "App.sln -c Release")]
    [InlineData("/usr/bin/dotnet test", "")]
    [InlineData("make test", "Only.Tests/Only.Tests.csproj")]
    [InlineData("dotnet test && echo done", "Only.Tests/Only.Tests.csproj")]
    [InlineData(null, "Only.Tests/Only.Tests.csproj")]
    public void Arguments_FromTheTestCommand(string? command, string expected) =>
        string.Join(' ', DotnetTestCommand.Arguments(command, ["Only.Tests/Only.Tests.csproj"])).ShouldBe(expected);

    private static string ReportIn(string directory) => Report.Replace("WORKSPACE", directory, StringComparison.Ordinal);

    [Fact]
    public void Project_NamedByTheArguments() =>
        (DotnetTestCommand.Project(["--no-restore", "Api.Tests/Api.Tests.csproj"]), DotnetTestCommand.Project(["App.sln"])).ShouldBe(("Api.Tests/Api.Tests.csproj", null));
}
