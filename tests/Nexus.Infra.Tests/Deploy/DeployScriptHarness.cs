using Nexus.Infra.Tests.Support;

namespace Nexus.Infra.Tests.Deploy;

/// <summary>
/// Runs infra/deploy.sh with a PATH of its own: links to the few programs the script uses and, unless the test wants
/// none, a fake <c>az</c> that records every call (one line of arguments each), answers the queries the script makes,
/// keeps a copy of the secure parameters file it is handed (with its mode) and fails the call that
/// <c>FAKE_AZ_FAIL</c> names. Never the real Azure CLI.
/// </summary>
internal sealed class DeployScriptHarness : IDisposable
{
    private static readonly string[] Tools = ["dirname", "cat", "git", "date", "mktemp", "rm", "stat", "cp", "grep"];

    private const string FakeAz = """
        #!/bin/bash
        printf '%s\n' "$*" >>"$FAKE_AZ_DIR/calls.log"
        if [[ -n "${FAKE_AZ_FAIL:-}" && "$*" == "$FAKE_AZ_FAIL"* ]]; then
          echo "ERROR: (fake) $FAKE_AZ_FAIL failed" >&2
          exit 1
        fi
        case "$1 $2" in
          "account show")
            [[ "${FAKE_AZ_SIGNED_IN:-true}" == true ]] || { echo "ERROR: Please run 'az login' to setup account." >&2; exit 1; }
            echo "Test Subscription" ;;
          "group exists") echo "${FAKE_AZ_GROUP_EXISTS:-false}" ;;
          "deployment group")
            case "$3" in
              create | what-if)
                for arg in "$@"; do
                  file="${arg#@}"
                  if [[ "$arg" == @* && -f "$file" ]] && grep -q anthropicApiKey "$file"; then
                    cp "$file" "$FAKE_AZ_DIR/secrets.json"
                    stat -c %a "$file" >"$FAKE_AZ_DIR/secrets.mode"
                    printf '%s' "$file" >"$FAKE_AZ_DIR/secrets.path"
                  fi
                done ;;
              show)
                query=""; previous=""
                for arg in "$@"; do [[ "$previous" == --query ]] && query="$arg"; previous="$arg"; done
                case "$query" in
                  properties.outputs.functionAppName.value) echo "func-nexus-test" ;;
                  properties.outputs.functionAppUrl.value) echo "https://func-nexus-test.azurewebsites.net" ;;
                  properties.outputs.registryName.value) echo "crnexustest" ;;
                  *) echo "fake az: unknown query $query" >&2; exit 3 ;;
                esac ;;
              *) echo "fake az: unexpected call: $*" >&2; exit 3 ;;
            esac ;;
          "group create" | "acr build" | "functionapp restart" | "bicep build") ;;
          *) echo "fake az: unexpected call: $*" >&2; exit 3 ;;
        esac
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("nexus-deploy-test-").FullName;

    public DeployScriptHarness(bool withAzureCli = true)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        Directory.CreateDirectory(StateDirectory);
        Directory.CreateDirectory(TempDirectory);
        foreach (var tool in Tools)
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), Which(tool));
        }

        if (withAzureCli)
        {
            var az = Path.Combine(bin, "az");
            File.WriteAllText(az, FakeAz.ReplaceLineEndings("\n") + "\n");
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = bin,
            ["FAKE_AZ_DIR"] = StateDirectory,
            ["TMPDIR"] = TempDirectory,
        };
    }

    /// <summary>The script's environment; tests add keys and FAKE_AZ_* switches.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>Where the fake az keeps what it saw.</summary>
    public string StateDirectory => Path.Combine(_root, "state");

    /// <summary>The script's TMPDIR (where its secure parameters file lives while it runs).</summary>
    public string TempDirectory => Path.Combine(_root, "tmp");

    /// <summary>The az calls, in order, each as its arguments joined by spaces.</summary>
    public IReadOnlyList<string> Calls =>
        File.Exists(Path.Combine(StateDirectory, "calls.log")) ? File.ReadAllLines(Path.Combine(StateDirectory, "calls.log")) : [];

    /// <summary>The secure parameters file as az received it (null when no call received one).</summary>
    public string? SecretsFile => ReadState("secrets.json");

    /// <summary>Its mode then (octal, as <c>stat -c %a</c> prints it).</summary>
    public string? SecretsFileMode => ReadState("secrets.mode")?.Trim();

    /// <summary>Its path.</summary>
    public string? SecretsFilePath => ReadState("secrets.path");

    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRun.RunAsync(Which("bash"), [Repository.PathOf("infra/deploy.sh"), .. arguments], Environment);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string? ReadState(string name) =>
        File.Exists(Path.Combine(StateDirectory, name)) ? File.ReadAllText(Path.Combine(StateDirectory, name)) : null;

    private static string Which(string tool)
    {
        foreach (var folder in (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(folder, tool);
            if (folder.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{tool} is not on PATH; the deploy script tests need it.");
    }
}
