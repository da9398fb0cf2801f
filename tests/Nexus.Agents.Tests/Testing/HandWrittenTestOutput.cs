namespace Nexus.Agents.Tests.Testing;

/// <summary>
/// Output of tools that are not installed on this machine (pytest, Microsoft.Testing.Platform, go), written after their
/// documented formats: pytest 8 with <c>-rfE</c>, MTP's console summary, <c>go test ./...</c>.
/// </summary>
internal static class HandWrittenTestOutput
{
    public const string Pytest = """"
============================= test session starts ==============================
platform linux -- Python 3.11.7, pytest-8.3.4, pluggy-1.5.0
rootdir: /tmp/sample
collected 6 items

test_calc.py .F.s                                                        [ 66%]
test_other.py FE                                                         [100%]

==================================== ERRORS ====================================
_______________________ ERROR at setup of test_with_db ________________________

    @pytest.fixture
    def db():
>       raise RuntimeError("no database")
E       RuntimeError: no database

conftest.py:5: RuntimeError
=================================== FAILURES ===================================
_________________________________ test_divide __________________________________

    def test_divide():
>       assert divide(4, 2) == 3
E       assert 2.0 == 3
E        +  where 2.0 = divide(4, 2)

test_calc.py:8: AssertionError
__________________________________ test_upper __________________________________

    def test_upper():
>       assert "abc".upper() == "ABc"
E       AssertionError: assert 'ABC' == 'ABc'

test_other.py:2: AssertionError
=========================== short test summary info ============================
FAILED test_calc.py::test_divide - assert 2.0 == 3
FAILED test_other.py::test_upper - AssertionError: assert 'ABC' == 'ABc'
ERROR test_other.py::test_with_db - RuntimeError: no database
=============== 2 failed, 2 passed, 1 skipped, 1 error in 0.12s ================
"""";

    public const string PytestWithoutShortSummary = """"
=================================== FAILURES ===================================
_________________________________ test_divide __________________________________

    def test_divide():
>       assert divide(4, 2) == 3
E       assert 2.0 == 3
E        +  where 2.0 = divide(4, 2)

test_calc.py:8: AssertionError
========================= 1 failed, 3 passed in 0.05s ==========================
"""";

    public const string PytestQuietAllPassed = """"
....                                                                     [100%]
4 passed in 0.01s
"""";

    public const string MicrosoftTestingPlatform = """"
failed Sample.Tests.CalcTests.Positive(x: 1) (14ms)
  x must be > 1
    at Sample.Tests.CalcTests.Positive(Int32 x) in /tmp/sample/CalcTests.cs:9

Test run summary: Failed! - /tmp/sample/bin/Debug/net10.0/Sample.Tests.dll (net10.0|x64)
  total: 6
  failed: 1
  succeeded: 4
  skipped: 1
  duration: 1s 234ms
"""";

    public const string Go = """"
--- FAIL: TestDivide (0.00s)
    calc_test.go:12: divide(4, 2) = 2, want 3
FAIL
FAIL	example.com/calc	0.002s
ok  	example.com/util	0.001s
FAIL
"""";
}
