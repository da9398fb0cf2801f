namespace Nexus.Agents.Tests.Testing;

/// <summary>Test-runner output captured from real runs on this machine (see each field), used to test the parsers.</summary>
internal static class CapturedTestOutput
{
    /// <summary>Real `dotnet test` (SDK 10, xunit.v3 3.2.2, VSTest) output of a project with 2 passing, 3 failing and 1 skipped test.</summary>
    public const string DotnetVsTestFailed = """"
  Determining projects to restore...
  Restored /tmp/sample/dnsample/Sample.Tests.csproj (in 1.56 sec).
  Sample.Tests -> /tmp/sample/dnsample/bin/Debug/net10.0/Sample.Tests.dll
Test run for /tmp/sample/dnsample/bin/Debug/net10.0/Sample.Tests.dll (.NETCoreApp,Version=v10.0)
A total of 1 test files matched the specified pattern.
[xUnit.net 00:00:07.97]     Sample.Tests.CalcTests.Throws [FAIL]
[xUnit.net 00:00:08.07]     Sample.Tests.CalcTests.Positive(x: 1) [FAIL]
[xUnit.net 00:00:08.07]     Sample.Tests.CalcTests.Divides [FAIL]
[xUnit.net 00:00:08.08]     Sample.Tests.CalcTests.Later [SKIP]
  Failed Sample.Tests.CalcTests.Throws [104 ms]
  Error Message:
   System.InvalidOperationException : boom
second line
  Stack Trace:
     at Sample.Tests.CalcTests.Throws() in /tmp/sample/dnsample/CalcTests.cs:line 7
   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)
   at System.Reflection.MethodBaseInvoker.InvokeWithNoArgs(Object obj, BindingFlags invokeAttr)
  Failed Sample.Tests.CalcTests.Positive(x: 1) [14 ms]
  Error Message:
   x must be > 1
  Stack Trace:
     at Sample.Tests.CalcTests.Positive(Int32 x) in /tmp/sample/dnsample/CalcTests.cs:line 9
   at InvokeStub_CalcTests.Positive(Object, Span`1)
   at System.Reflection.MethodBaseInvoker.InvokeWithOneArg(Object obj, BindingFlags invokeAttr, Binder binder, Object[] parameters, CultureInfo culture)
  Failed Sample.Tests.CalcTests.Divides [57 ms]
  Error Message:
   Assert.Equal() Failure: Values differ
Expected: 3
Actual:   2
  Stack Trace:
     at Sample.Tests.CalcTests.Divides() in /tmp/sample/dnsample/CalcTests.cs:line 6
   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)
   at System.Reflection.MethodBaseInvoker.InvokeWithNoArgs(Object obj, BindingFlags invokeAttr)
  Skipped Sample.Tests.CalcTests.Later [1 ms]

Failed!  - Failed:     3, Passed:     2, Skipped:     1, Total:     6, Duration: 674 ms - Sample.Tests.dll (net10.0)
"""";

    /// <summary>Real `dotnet test` output when the project does not compile.</summary>
    public const string DotnetBuildFailed = """"
  Determining projects to restore...
  All projects are up-to-date for restore.
/tmp/sample/dnsample/Broken.cs(1,35): error CS1525: Invalid expression term '}' [/tmp/sample/dnsample/Sample.Tests.csproj]
/tmp/sample/dnsample/Broken.cs(1,35): error CS1002: ; expected [/tmp/sample/dnsample/Sample.Tests.csproj]
"""";

    /// <summary>Real `node --test` output (node 20.20, stdout not a terminal, so TAP): 2 pass, 2 fail (one nested in a suite), 1 skipped, 1 todo.</summary>
    public const string NodeTap = """"
TAP version 13
# Subtest: adds
ok 1 - adds
  ---
  duration_ms: 1.369554
  ...
# Subtest: fails on purpose
not ok 2 - fails on purpose
  ---
  duration_ms: 1.354446
  location: '/tmp/sample/nodesample/math.test.js:4:1'
  failureType: 'testCodeFailure'
  error: |-
    Expected values to be strictly equal:
    
    2 !== 3
    
  code: 'ERR_ASSERTION'
  name: 'AssertionError'
  expected: 3
  actual: 2
  operator: 'strictEqual'
  stack: |-
    TestContext.<anonymous> (/tmp/sample/nodesample/math.test.js:4:41)
    Test.runInAsyncScope (node:async_hooks:206:9)
    Test.run (node:internal/test_runner/test:796:25)
    Test.processPendingSubtests (node:internal/test_runner/test:526:18)
    Test.postRun (node:internal/test_runner/test:889:19)
    Test.run (node:internal/test_runner/test:835:12)
    async Test.processPendingSubtests (node:internal/test_runner/test:526:7)
  ...
# Subtest: skipped one
ok 3 - skipped one # SKIP
  ---
  duration_ms: 0.190355
  ...
# Subtest: todo one
ok 4 - todo one # TODO
  ---
  duration_ms: 0.14974
  ...
# Subtest: suite
    # Subtest: nested fails
    not ok 1 - nested fails
      ---
      duration_ms: 0.217796
      location: '/tmp/sample/nodesample/math.test.js:7:37'
      failureType: 'testCodeFailure'
      error: |-
        boom
        second line
      code: 'ERR_TEST_FAILURE'
      stack: |-
        TestContext.<anonymous> (/tmp/sample/nodesample/math.test.js:7:70)
        Test.runInAsyncScope (node:async_hooks:206:9)
        Test.run (node:internal/test_runner/test:796:25)
        Test.start (node:internal/test_runner/test:702:17)
        node:internal/test_runner/test:1133:71
        node:internal/per_context/primordials:482:82
        new Promise (<anonymous>)
        new SafePromise (node:internal/per_context/primordials:450:29)
        node:internal/per_context/primordials:482:9
        Array.map (<anonymous>)
      ...
    # Subtest: nested ok
    ok 2 - nested ok
      ---
      duration_ms: 0.136073
      ...
    1..2
not ok 5 - suite
  ---
  duration_ms: 0.691098
  type: 'suite'
  location: '/tmp/sample/nodesample/math.test.js:7:6'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  code: 'ERR_TEST_FAILURE'
  ...
1..5
# tests 6
# suites 1
# pass 2
# fail 2
# cancelled 0
# skipped 1
# todo 1
# duration_ms 187.997423
"""";

    /// <summary>Real `python3 -m unittest discover` output (Python 3.11): 1 ok, 1 failure, 1 error, 1 skipped.</summary>
    public const string Unittest = """"
.FEs
======================================================================
ERROR: test_error (test_calc.TestCalc.test_error)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/sample/pysample/test_calc.py", line 5, in test_error
    def test_error(self): raise ValueError("bad value")
                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
ValueError: bad value

======================================================================
FAIL: test_divide (test_calc.TestCalc.test_divide)
----------------------------------------------------------------------
Traceback (most recent call last):
  File "/tmp/sample/pysample/test_calc.py", line 4, in test_divide
    def test_divide(self): self.assertEqual(4 / 2, 3)
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^
AssertionError: 2.0 != 3

----------------------------------------------------------------------
Ran 4 tests in 0.001s

FAILED (failures=1, errors=1, skipped=1)
"""";

    /// <summary>Real `cargo test` output: 1 passed, 1 failed, 1 ignored.</summary>
    public const string Cargo = """"
   Compiling cargosample v0.1.0 (/tmp/sample/cargosample)
    Finished `test` profile [unoptimized + debuginfo] target(s) in 1.91s
     Running unittests src/lib.rs (target/debug/deps/cargosample-6d9770926a314c7c)

running 3 tests
test tests::adds ... ok
test tests::later ... ignored
test tests::fails ... FAILED

failures:

---- tests::fails stdout ----

thread 'tests::fails' (20943) panicked at src/lib.rs:6:26:
assertion `left == right` failed: math is broken
  left: 4
 right: 5
stack backtrace:
   0: __rustc::rust_begin_unwind
             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/std/src/panicking.rs:689:5
   1: core::panicking::panic_fmt
             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:80:14
   2: core::panicking::assert_failed_inner
             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:434:23
   3: core::panicking::assert_failed::<i32, i32>
             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/panicking.rs:394:5
   4: cargosample::tests::fails
             at ./src/lib.rs:6:26
   5: cargosample::tests::fails::{{closure}}
             at ./src/lib.rs:6:23
   6: core::ops::function::FnOnce::call_once
             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250:5
   7: <fn() -> core::result::Result<(), alloc::string::String> as core::ops::function::FnOnce<()>>::call_once
             at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/ops/function.rs:250:5
note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.


failures:
    tests::fails

test result: FAILED. 1 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.21s

error: test failed, to rerun pass `--lib`
"""";
}
