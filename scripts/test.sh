#!/usr/bin/env bash
# THE test command: installs what the tests need (scripts/deps.sh), builds the solution once, runs every test project
# with a TRX logger and a hang timeout, and ends with exactly one line: "N passed, N failed".
#
#   ./scripts/test.sh                 # everything
#   ./scripts/test.sh --filter X      # extra arguments go to each `dotnet test` (e.g. a filter)
#   NEXUS_TEST_PARALLEL=1 ./scripts/test.sh      # all test projects at once (default: one at a time — the suites start
#                                                # real processes and time-sensitive workers; on 2 cores parallel runs starve them)
#   NEXUS_TEST_PROJECT_TIMEOUT=20m               # a test project's `dotnet test` is stopped after this long
#
# Exit code 0 only when the build succeeded, every test project ran and no test failed. CI=true: no colour, no prompts.
# Results: artifacts/test-results/*.trx (override with NEXUS_TEST_RESULTS).
set -uo pipefail
shopt -s nullglob

# Everything is inside main so bash has read the whole file before running it (editing it mid-run is safe).
main() {
  repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$repo_root"
  solution="Nexus.Functions.sln"
  configuration="Release"
  results="${NEXUS_TEST_RESULTS:-$repo_root/artifacts/test-results}"
  started=$SECONDS

  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DEBIAN_FRONTEND=noninteractive
  msbuild_flags=(-nologo)
  if [[ "${CI:-}" == "true" ]]; then
    export NO_COLOR=1 npm_config_color=false npm_config_progress=false
    msbuild_flags+=(-tl:off -clp:DisableConsoleColor)
  fi

  say() { echo "test.sh: $*" >&2; }

  # The one final line; a step that fails before any test ran still reports a count so CI shows it.
  finish() {
    local passed=$1 failed=$2
    say "finished in $((SECONDS - started)) s; results in $results"
    echo "$passed passed, $failed failed"
    if ((failed > 0)); then exit 1; fi
    exit 0
  }

  if ! command -v dotnet >/dev/null 2>&1; then
    say "the .NET SDK is required (see global.json for the version): https://dot.net"
    finish 0 1
  fi

  say "installing missing test dependencies"
  if ! scripts/deps.sh; then
    say "installing test dependencies failed"
    finish 0 1
  fi

  say "building $solution ($configuration)"
  if ! dotnet build "$solution" -c "$configuration" "${msbuild_flags[@]}"; then
    say "the build failed"
    finish 0 1
  fi

  # One throwaway PostgreSQL cluster for every test project (the PostgreSQL store tests and anything else that uses
  # Nexus.Testing's PostgresServer read NEXUS_TEST_POSTGRES); stopped and removed on exit, failure or interrupt.
  # A NEXUS_TEST_POSTGRES set by the caller is used as it is.
  if [[ -z "${NEXUS_TEST_POSTGRES:-}" ]]; then
    pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/nexus-test-pg.XXXXXX")"
    trap 'scripts/postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
    trap 'exit 130' INT TERM
    say "starting a throwaway PostgreSQL cluster in $pg_dir"
    if pg_connection="$(scripts/postgres.sh start "$pg_dir" --watch $$)"; then
      export NEXUS_TEST_POSTGRES="$pg_connection"
    else
      say "could not start PostgreSQL (see above); the tests that need it start their own or fail"
    fi
  fi

  rm -rf "$results"
  mkdir -p "$results"

  # Test projects: the solution's projects named *.Tests or referencing the test SDK. Each runs in its own `dotnet test`
  # (one at a time by default; NEXUS_TEST_PARALLEL=1 runs them all at once) so that each writes
  # its own <Project>.trx: a project whose run produced no TRX is counted as a failure.
  mapfile -t all_projects < <(grep -o '"[^"]*\.csproj"' "$solution" | tr -d '"' | tr '\\' '/')
  test_projects=()
  for project in "${all_projects[@]}"; do
    if [[ "$(basename "$project" .csproj)" == *.Tests ]] || grep -q 'Microsoft.NET.Test.Sdk' "$project"; then
      test_projects+=("$project")
    fi
  done

  # --blame-hang-timeout stops a hung test; the watchdog (GNU timeout, which signals the whole process group) also stops a
  # hung `dotnet test` itself, so a run always ends well within CI's 30 minutes.
  watchdog=()
  if command -v timeout >/dev/null 2>&1; then
    watchdog=(timeout --kill-after=30s "${NEXUS_TEST_PROJECT_TIMEOUT:-20m}")
  fi

  run_project() { # run_project PROJECT [dotnet test args…]: output prefixed with the project name, exit code in <name>.exit
    local project=$1 name
    shift
    name="$(basename "$project" .csproj)"
    "${watchdog[@]}" dotnet test "$project" -c "$configuration" --no-build "${msbuild_flags[@]}" \
      --results-directory "$results" \
      --logger "trx;LogFileName=$name.trx" \
      --blame-hang-timeout 5m --blame-hang-dump-type none \
      "$@" 2>&1 | sed -u "s/^/[$name] /"
    echo "${PIPESTATUS[0]}" >"$results/$name.exit"
  }

  say "running ${#test_projects[@]} test projects: $(for p in "${test_projects[@]}"; do basename "$p" .csproj; done | paste -sd ' ')"
  for project in "${test_projects[@]}"; do
    if [[ "${NEXUS_TEST_PARALLEL:-}" == "1" ]]; then
      run_project "$project" "$@" &
    else
      run_project "$project" "$@"
    fi
  done
  wait

  # Count every TRX file's counters; a project without a TRX, or whose run failed without a failed test, counts as one failure.
  counter() { # counter NAME FILE → the value of NAME="n" in the file's <Counters …/> element (0 when absent)
    local value
    value="$(grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | head -n 1 | tr -dc '0-9')"
    echo "${value:-0}"
  }
  passed=0
  failed=0
  for project in "${test_projects[@]}"; do
    name="$(basename "$project" .csproj)"
    trx="$results/$name.trx"
    exit_code="$(cat "$results/$name.exit" 2>/dev/null || echo missing)"
    if [[ ! -f "$trx" ]]; then
      say "FAILED TO RUN: $name produced no test results (dotnet test exit code $exit_code)"
      failed=$((failed + 1))
      continue
    fi

    project_passed=$(counter passed "$trx")
    project_failed=$(($(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
    if [[ "$exit_code" != "0" ]] && ((project_failed == 0)); then
      say "FAILED: $name exited with code $exit_code although no test failed (test host crashed or hung?)"
      project_failed=1
    fi

    say "$name: $project_passed passed, $project_failed failed"
    passed=$((passed + project_passed))
    failed=$((failed + project_failed))
  done

  finish "$passed" "$failed"
}

main "$@"
