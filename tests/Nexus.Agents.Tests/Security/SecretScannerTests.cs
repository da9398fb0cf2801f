using Nexus.Agents.Security;
using Nexus.Agents.Tests.Workspaces;
using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Security;

/// <summary>The commit scan over real git: a file is written into a fresh workspace, staged, and what the stage adds is scanned.</summary>
public sealed class SecretScannerTests : IDisposable
{
    private const string ConfiguredName = "OPENAI_API_KEY";

    private static readonly string ConfiguredValue = "cfg-" + FakeSecrets.Alnum(24, "configured");

    private static readonly SecretScanner Scanner = new(SecretRedactor.PatternsOnly.With([new(ConfiguredName, ConfiguredValue)]));

    private readonly TemporaryFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    /// <summary>File, content, the secret in it, the kind the scan must name, the line it is on.</summary>
    public static TheoryData<string, string, string, string, int> Secrets()
    {
        var key = FakeSecrets.PrivateKeyBody("rsa");
        var gcpKey = FakeSecrets.PrivateKeyBody("gcp");
        var github = "ghp_" + FakeSecrets.Alnum(36, "github");
        var openAi = "sk-proj-" + FakeSecrets.Alnum(48, "openai");
        var anthropic = "sk-ant-api03-" + FakeSecrets.Alnum(40, "anthropic");
        var aws = "AKIA" + FakeSecrets.Upper(16, "aws");
        var google = "AIza" + FakeSecrets.Alnum(35, "google");
        var slack = "xoxb-" + FakeSecrets.Digits(12, "slack") + "-" + FakeSecrets.Alnum(24, "slack");
        var gitlab = "glpat-" + FakeSecrets.Alnum(20, "gitlab");
        var stripe = "sk_" + "live_" + FakeSecrets.Alnum(24, "stripe");
        var npm = "npm_" + FakeSecrets.Alnum(36, "npm");
        var jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0." + FakeSecrets.Alnum(24, "jwt");
        var basic = Convert.ToBase64String("deploy:Tr0ub4dor&3"u8.ToArray());
        var hex = FakeSecrets.Hex(32, "hex").ToLowerInvariant();
        return new()
        {
            { "leak.txt", $"HOME=/root\nUSER=root\n-----BEGIN RSA PRIVATE KEY-----\n{key}\n-----END RSA PRIVATE KEY-----\n", key[..40], "private key block", 3 },
            { "service-account.json", $"{{\n  \"type\": \"service_account\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{gcpKey.Replace("\n", "\\n", StringComparison.Ordinal)}\\n-----END PRIVATE KEY-----\\n\"\n}}\n", gcpKey[..40], "private key block", 3 },
            { ".env", $"OPENAI_API_KEY={openAi}\n", openAi, "OpenAI/Anthropic API key", 1 },
            { "src/client.py", $"import anthropic\n\nclient = anthropic.Anthropic(api_key='{anthropic}')\n", anthropic, "OpenAI/Anthropic API key", 3 },
            { "deploy.sh", $"#!/bin/sh\nexport GITHUB_TOKEN={github}\n", github, "GitHub token", 2 },
            { "aws.ini", $"[default]\naws_access_key_id = {aws}\n", aws, "AWS access key id", 2 },
            { "maps.js", $"const mapsKey = \"{google}\";\n", google, "Google API key", 1 },
            { "slack.json", $"{{\"bot\": \"{slack}\"}}\n", slack, "Slack token", 1 },
            { "gitlab.txt", $"clone with {gitlab}\n", gitlab, "GitLab token", 1 },
            { "billing.rb", $"Stripe.api_key = \"{stripe}\"\n", stripe, "Stripe secret key", 1 },
            { ".npmrc", $"//registry.npmjs.org/:_authToken={npm}\n", npm, "npm token", 1 },
            { "api.ts", $"fetch(url, {{ headers: {{ Authorization: \"Bearer {jwt}\" }} }});\n", jwt, "bearer token", 1 },
            { "curl.sh", $"curl -H \"Authorization: Basic {basic}\" https://ci.internal/\n", basic, "Authorization header", 1 },
            { "settings.py", $"DEBUG = False\nAZURE_OPENAI_KEY = \"{hex}\"\n", hex, "API key (32 hex digits)", 2 },
            { "config/app.yml", "db:\n  host: db\n  password: hunter2hunter2\n", "hunter2hunter2", "password assignment", 3 },
            { "seed.json", "{\"user\": \"admin\", \"password\": \"Tr0ub4dor&3x\"}\n", "Tr0ub4dor&3x", "password assignment", 1 },
            { "oauth.json", "{\n  \"client_secret\": \"Zx8vQ2mN4pL6rT0w\"\n}\n", "Zx8vQ2mN4pL6rT0w", "secret assignment (client_secret)", 2 },
            { "appsettings.json", "{\"ConnectionStrings\": {\"Default\": \"Host=db;Username=app;Password=Sup3rSecret;Database=x\"}}\n", "Sup3rSecret", "password in a connection string", 1 },
            { "docker-compose.yml", "services:\n  web:\n    environment:\n      DATABASE_URL: postgres://app:Sup3rSecret9@db:5432/app\n", "Sup3rSecret9", "password in a URL", 4 },
            { "notes/env.txt", $"PATH=/usr/bin\nLEAKED={ConfiguredValue}\n", ConfiguredValue, $"configured secret (value of {ConfiguredName})", 2 },
        };
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task Scan_SecretInAChangedFile_IsFoundWithFileLineAndKindButNotTheValue(string file, string content, string secret, string kind, int line)
    {
        var findings = await ScanAsync((file, content));

        var finding = findings.ShouldHaveSingleItem();
        finding.ShouldBe(new SecretFinding(file, line, kind));
        var message = SecretScanner.Describe(findings);
        message.ShouldBe($"{file} line {line} holds {SecretFinding.WithArticle(kind)}");
        message.ShouldNotContain(secret);
    }

    /// <summary>Ordinary code, config and docs: each line is committed on its own and must pass.</summary>
    [Theory]
    [InlineData("src/log.txt", "commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it")]
    [InlineData("checksums.txt", "sha256 = \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"")]
    [InlineData("src/ids.ts", "const id = \"3fa85f64-5717-4562-b3fc-2c963f66afa6\"; const key = \"9b2c6f1e-0d4a-4c8e-8f3b-7a5d1e2c3b4a\";")]
    [InlineData("test/fixture.js", "const png = \"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\";")]
    [InlineData("test/data.txt", "U29tZSBiYXNlNjQgdGV4dCB0aGF0IGlzIG5vdCBhIGtleSBhdCBhbGwsIGp1c3QgYSB0ZXN0IGZpeHR1cmU=")]
    [InlineData("login.py", "password = input(\"Password: \")")]
    [InlineData("src/config.js", "const apiKey = process.env.API_KEY;")]
    [InlineData("leak.txt", "PWD=/tmp/nexus-crash-LkhXn7/data/projects/canary/workspace")]
    [InlineData("deploy.env", "OLDPWD=~/src/build-2f9c1a")]
    [InlineData("src/types.ts", "  token: string;")]
    [InlineData("fixtures/user.json", "{\"user\": \"bob\", \"password\": \"\"}")]
    [InlineData("settings.py", "secret = os.environ[\"SECRET\"]")]
    [InlineData("settings.py", "SECRET_KEY = os.environ.get(\"DJANGO_SECRET_KEY\")")]
    [InlineData("README.md", "Set OPENAI_API_KEY=<your key> before you run `npm start`.")]
    [InlineData("README.md", "export ANTHROPIC_API_KEY=sk-ant-...")]
    [InlineData("README.md", "OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("README.md", "Use Bearer authentication with the key from your dashboard.")]
    [InlineData("README.md", "curl -H 'Authorization: Bearer <token>' http://localhost:7071/api/projects")]
    [InlineData("src/api.ts", "headers: { Authorization: `Bearer ${token}` },")]
    [InlineData("src/api.js", "headers[\"Authorization\"] = \"Bearer \" + session.accessToken;")]
    [InlineData("src/auth.ts", "export function authorization(header: string): string | undefined {")]
    [InlineData("package-lock.json", "      \"integrity\": \"sha512-Q1yjMApvhw7qbLgj3d0W8s5f/QkFnLxJ3hiI8mC4wKQ3wGGlHZyDXQGWp7SzWIsSaT2tzL+6nLhzNeRbVMg+LHg==\",")]
    [InlineData("yarn.lock", "  integrity sha512-Q1yjMApvhw7qbLgj3d0W8s5f/QkFnLxJ3hiI8mC4wKQ3wGGlHZyDXQGWp7SzWIsSaT2tzL+6nLhzNeRbVMg+LHg==")]
    [InlineData("dist/app.min.js", "!function(e,t){\"use strict\";var n=e.document,r=function(e){return e.apiKey=t.key,e.password=t.pw,e.secret=t.s2,e};t.exports={auth:function(e){return{Authorization:\"Bearer \"+e.token,\"x-api-key\":e.k}},id:\"a3f9c2e1b7d4\"}}(window,module);")]
    [InlineData("src/pem.ts", "if (pem.startsWith(\"-----BEGIN RSA PRIVATE KEY-----\")) { return parsePkcs1(pem); }")]
    [InlineData("docs/aws.md", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE")]
    [InlineData("config.yml", "api_key: \"your-api-key-here\"")]
    [InlineData(".env.example", "DATABASE_URL=postgres://postgres:postgres@localhost:5432/app")]
    [InlineData("src/db.js", "const url = `postgres://app:${DB_PASSWORD}@db:5432/app`;")]
    [InlineData("chart/values.yaml", "password: \"{{ .Values.db.password }}\"")]
    [InlineData(".github/workflows/ci.yml", "          client_secret: ${{ secrets.CLIENT_SECRET }}")]
    [InlineData("mysite/settings.py", "SECRET_KEY = 'django-insecure-3x!k@9f#q2w$e4r%t6y^u8i&o0p(a1s)d3f'")]
    [InlineData("src/limits.ts", "export const PASSWORD_MIN_LENGTH = 12;")]
    [InlineData("src/user.py", "password_hash = \"$2b$12$KIXQJw1rZ0v5mQ8uJ9yq7eL0bW3cH6gT2sN4pR8aV1kD5fX7zY9uC\"")]
    [InlineData("src/cache.ts", "cache_key: \"d41d8cd98f00b204e9800998ecf8427e\",")]
    [InlineData("src/settings.py", "apiKey = config.apiKey2")]
    [InlineData("index.html", "<input type=\"password\" name=\"password\" placeholder=\"Password\" autocomplete=\"current-password\">")]
    [InlineData("src/keys.ts", "if (key.startsWith(\"sk-ant-\") || key.startsWith(\"sk-proj-\")) { return \"anthropic-or-openai\"; }")]
    [InlineData("docs/tokens.md", "A classic token looks like ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.")]
    public async Task Scan_OrdinaryCode_FindsNothing(string file, string line)
    {
        var findings = await ScanAsync((file, line + "\n"));

        findings.ShouldBeEmpty(SecretScanner.Describe(findings));
    }

    [Fact]
    public async Task Scan_KeyAddedInTheMiddleOfAnExistingFile_NamesTheLineOfItsBeginMarker()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        await File.WriteAllTextAsync(_folder.Combine("notes.md"), "# Notes\n\none\ntwo\nthree\n", Token);
        await workspace.CommitAllAsync("Code", "code@nexus.local", "notes", cancellationToken: Token);
        var key = FakeSecrets.PrivateKeyBody("openssh");
        await File.WriteAllTextAsync(_folder.Combine("notes.md"), $"# Notes\n\none\n-----BEGIN OPENSSH PRIVATE KEY-----\n{key}\n-----END OPENSSH PRIVATE KEY-----\ntwo\nthree\n", Token);

        var findings = Scanner.Scan(await workspace.StageAllAsync(Token));

        findings.ShouldBe([new SecretFinding("notes.md", 4, "private key block")]);
    }

    [Fact]
    public async Task Scan_SeveralFilesAndAFileNamedAfterAToken_ListsEachWithoutAValue()
    {
        var github = "ghp_" + FakeSecrets.Alnum(36, "name");
        var findings = await ScanAsync(
            ("ok.js", "module.exports = 1;\n"),
            ($"tokens/{github}.txt", "nothing here\n"),
            (".env", $"A=1\nOPENAI_API_KEY={ConfiguredValue}\n"));

        var message = SecretScanner.Describe(findings);

        findings.Count.ShouldBe(2);
        message.ShouldBe($".env line 2 holds a configured secret (value of {ConfiguredName}); tokens/{SecretRedactor.Mask}.txt: its name holds a GitHub token");
        message.ShouldNotContain(github);
        message.ShouldNotContain(ConfiguredValue);
    }

    [Fact]
    public async Task Scan_SmallBinaryFileHoldingAKey_IsFoundAndALargeOneIsSkipped()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        var token = "ghp_" + FakeSecrets.Alnum(36, "binary");
        await File.WriteAllBytesAsync(_folder.Combine("small.bin"), [0, 1, 2, .. System.Text.Encoding.ASCII.GetBytes($"\nheader\ntoken={token}\n")], Token);
        var large = new byte[GitWorkspace.MaxReadBinaryBytes + 1];
        System.Text.Encoding.ASCII.GetBytes(token).CopyTo(large, 100);
        await File.WriteAllBytesAsync(_folder.Combine("large.bin"), large, Token);

        var staged = await workspace.StageAllAsync(Token);
        var findings = Scanner.Scan(staged);

        staged.Files.Single(f => f.Path == "large.bin").ShouldBe(new StagedFile("large.bin", [], IsBinary: true, ContentSkipped: true), "larger binaries are not read");
        findings.ShouldBe([new SecretFinding("small.bin", 3, "GitHub token")]);
    }

    [Fact]
    public void Scan_ChangesLargerThanTheScanReads_AreAFindingOfTheirOwn()
    {
        var changes = new StagedChanges(["big.txt"], [new StagedFile("big.txt", [new AddedLine(1, "text")])], Truncated: true);

        var finding = Scanner.Scan(changes).ShouldHaveSingleItem();

        finding.ToString().ShouldBe("big.txt: the step adds more text than the secret scan reads (64 MiB of diff)");
    }

    [Fact]
    public void Describe_MoreFindingsThanTheLimit_ListsTheFirstAndCountsTheRest()
    {
        var findings = Enumerable.Range(1, SecretScanner.MaxDescribedFindings + 3).Select(i => new SecretFinding("env.txt", i, "bearer token")).ToList();

        var message = SecretScanner.Describe(findings);

        message.ShouldStartWith("env.txt line 1 holds a bearer token; env.txt line 2 holds a bearer token;");
        message.ShouldEndWith($"env.txt line {SecretScanner.MaxDescribedFindings} holds a bearer token; and 3 more");
    }

    [Fact]
    public void ScanLines_ConfiguredValueShorterThanTheMinimum_IsNotSearched()
    {
        var scanner = new SecretScanner(new SecretRedactor(["abc12", "longer-value-123"]));

        var findings = scanner.ScanLines("x.txt", [new AddedLine(1, "abc12 is short"), new AddedLine(2, "longer-value-123 is not")]);

        findings.ShouldBe([new SecretFinding("x.txt", 2, "configured secret")]);
    }

    private async Task<IReadOnlyList<SecretFinding>> ScanAsync(params (string Path, string Content)[] files)
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Token);
        foreach (var (path, content) in files)
        {
            _folder.WriteFile(path, content);
        }

        return Scanner.Scan(await workspace.StageAllAsync(Token));
    }
}
