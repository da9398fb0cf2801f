using Nexus.Agents.Testing;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Testing;

public sealed class TestOutputParserTests
{
    [Fact]
    public void Parse_RealDotnetVsTestOutput_ReadsCountsAndEveryFailureMessage()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Dotnet, CapturedTestOutput.DotnetVsTestFailed);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((2, 3, 1));
        parsed.Failures.ShouldBe(
        [
            new TestFailure("Sample.Tests.CalcTests.Throws", "System.InvalidOperationException : boom\nsecond line"),
            new TestFailure("Sample.Tests.CalcTests.Positive(x: 1)", "x must be > 1"),
            new TestFailure("Sample.Tests.CalcTests.Divides", "Assert.Equal() Failure: Values differ\nExpected: 3\nActual:   2"),
        ]);
    }

    [Fact]
    public void Parse_DotnetSummariesOfSeveralAssemblies_AreSummed()
    {
        const string output = """
            Passed!  - Failed:     0, Passed:    48, Skipped:     0, Total:    48, Duration: 164 ms - A.Tests.dll (net10.0)
            Passed!  - Failed:     0, Passed:     7, Skipped:     2, Total:     9, Duration: 50 ms - B.Tests.dll (net10.0)
            """;

        var parsed = TestOutputParsers.Parse(TestFramework.Dotnet, output);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((55, 0, 2));
        parsed.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_RealDotnetBuildFailure_ReportsCompilerErrorsAsFailures()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Dotnet, CapturedTestOutput.DotnetBuildFailed);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((null, null, null));
        parsed.Failures.Select(f => f.Name).ShouldAllBe(name => name == "build");
        parsed.Failures.Select(f => f.Message).ShouldBe(
        [
            "/tmp/sample/dnsample/Broken.cs(1,35): error CS1525: Invalid expression term '}'",
            "/tmp/sample/dnsample/Broken.cs(1,35): error CS1002: ; expected",
        ]);
    }

    [Fact]
    public void Parse_MicrosoftTestingPlatformSummary_ReadsCountsAndFailures()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Dotnet, HandWrittenTestOutput.MicrosoftTestingPlatform);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((4, 1, 1));
        parsed.Failures.ShouldBe([new TestFailure("Sample.Tests.CalcTests.Positive(x: 1)", "x must be > 1")]);
    }

    [Fact]
    public void Parse_RealNodeTap_ReadsCountsAndNestedFailuresWithYamlErrors()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.NodeTest, CapturedTestOutput.NodeTap);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((2, 2, 2));
        parsed.Failures.ShouldBe(
        [
            new TestFailure("fails on purpose", "Expected values to be strictly equal:\n\n2 !== 3"),
            new TestFailure("suite > nested fails", "boom\nsecond line"),
        ]);
    }

    [Fact]
    public void Parse_NodeTapWithQuotedErrorAndCancelledTests_CountsCancelledAsFailed()
    {
        const string output = """
            TAP version 13
            # Subtest: /tmp/x/broken.test.js
            not ok 1 - /tmp/x/broken.test.js
              ---
              duration_ms: 30.1
              failureType: 'testCodeFailure'
              exitCode: 1
              error: 'test failed'
              code: 'ERR_TEST_FAILURE'
              ...
            1..1
            # tests 2
            # pass 0
            # fail 1
            # cancelled 1
            # skipped 0
            # todo 0
            """;

        var parsed = TestOutputParsers.Parse(TestFramework.NodeTest, output);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((0, 2, 0));
        parsed.Failures.ShouldBe([new TestFailure("/tmp/x/broken.test.js", "test failed")]);
    }

    [Fact]
    public void Parse_Pytest_ReadsSummaryAndShortSummaryLines()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Pytest, HandWrittenTestOutput.Pytest);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((2, 3, 1));
        parsed.Failures.ShouldBe(
        [
            new TestFailure("test_calc.py::test_divide", "assert 2.0 == 3"),
            new TestFailure("test_other.py::test_upper", "AssertionError: assert 'ABC' == 'ABc'"),
            new TestFailure("test_other.py::test_with_db", "RuntimeError: no database"),
        ]);
    }

    [Fact]
    public void Parse_PytestWithoutShortSummary_FallsBackToFailureSections()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Pytest, HandWrittenTestOutput.PytestWithoutShortSummary);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((3, 1, 0));
        parsed.Failures.ShouldBe([new TestFailure("test_divide", "assert 2.0 == 3\n+  where 2.0 = divide(4, 2)")]);
    }

    [Fact]
    public void Parse_PytestQuietOutput_ReadsTheBareSummary()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Pytest, HandWrittenTestOutput.PytestQuietAllPassed);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((4, 0, 0));
    }

    [Fact]
    public void Parse_RealUnittestOutput_ReadsCountsAndTracebackMessages()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Unittest, CapturedTestOutput.Unittest);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((1, 2, 1));
        parsed.Failures.ShouldBe(
        [
            new TestFailure("test_error (test_calc.TestCalc.test_error)", "ValueError: bad value"),
            new TestFailure("test_divide (test_calc.TestCalc.test_divide)", "AssertionError: 2.0 != 3"),
        ]);
    }

    [Fact]
    public void Parse_RealCargoOutput_ReadsCountsAndPanicMessage()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Cargo, CapturedTestOutput.Cargo);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((1, 1, 1));
        parsed.Failures.ShouldBe([new TestFailure("tests::fails", "assertion `left == right` failed: math is broken\n  left: 4\n right: 5")]);
    }

    [Fact]
    public void Parse_GoOutput_ReadsFailuresOnly()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Go, HandWrittenTestOutput.Go);

        (parsed.Passed, parsed.Failed, parsed.Skipped).ShouldBe((null, 1, null));
        parsed.Failures.ShouldBe([new TestFailure("TestDivide", "calc_test.go:12: divide(4, 2) = 2, want 3")]);
    }

    [Theory]
    [InlineData(nameof(CapturedTestOutput.DotnetVsTestFailed), 3)]
    [InlineData(nameof(CapturedTestOutput.NodeTap), 2)]
    [InlineData(nameof(CapturedTestOutput.Unittest), 2)]
    [InlineData(nameof(CapturedTestOutput.Cargo), 1)]
    [InlineData(nameof(HandWrittenTestOutput.Pytest), 3)]
    public void Parse_UnknownFramework_RecognizesEachFormat(string sample, int failed)
    {
        var output = typeof(CapturedTestOutput).GetField(sample)?.GetValue(null) as string
            ?? (string)typeof(HandWrittenTestOutput).GetField(sample)!.GetValue(null)!;

        TestOutputParsers.Parse(TestFramework.Custom, output).Failed.ShouldBe(failed);
    }

    [Fact]
    public void Parse_UnrecognizedOutput_HasNoCounts()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Custom, "all good, I think\n");

        parsed.ShouldBe(ParsedTestOutput.Unknown);
    }

    [Fact]
    public void Parse_ColouredOutput_IsReadAfterStrippingAnsiCodes()
    {
        var parsed = TestOutputParsers.Parse(TestFramework.Pytest, "\u001b[31m\u001b[1m==== 1 failed, 2 passed in 0.1s ====\u001b[0m\n");

        (parsed.Passed, parsed.Failed).ShouldBe((2, 1));
    }
}
