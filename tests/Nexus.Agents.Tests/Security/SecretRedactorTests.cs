using Nexus.Agents.Security;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Security;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor _patterns = SecretRedactor.PatternsOnly;

    [Fact]
    public void Redact_ConfiguredValue_IsMaskedEverywhere()
    {
        var redactor = new SecretRedactor(["hunter2-correct-horse"]);

        redactor.Redact("a hunter2-correct-horse b hunter2-correct-horse").ShouldBe("a [REDACTED] b [REDACTED]");
    }

    [Fact]
    public void Redact_OverlappingValues_LongestWins()
    {
        var redactor = new SecretRedactor(["abcd1234", "abcd1234-extended"]);

        redactor.Redact("x abcd1234-extended y abcd1234").ShouldBe("x [REDACTED] y [REDACTED]");
    }

    [Fact]
    public void Redact_ValuesTooShortOrBlank_AreIgnored()
    {
        var redactor = new SecretRedactor(["abc", "", "   "]);

        redactor.Redact("abc is not a secret").ShouldBe("abc is not a secret");
    }

    [Fact]
    public void Redact_ValueWithRegexCharacters_IsMatchedLiterally()
    {
        var redactor = new SecretRedactor(["p@ss.w*rd(1)"]);

        redactor.Redact("pass p@ss.w*rd(1) and p@ssXw*rd(1)").ShouldBe("pass [REDACTED] and p@ssXw*rd(1)");
    }

    [Fact]
    public void Redact_Null_ReturnsEmpty() => _patterns.Redact(null).ShouldBeEmpty();

    [Theory]
    [InlineData("key sk-abcdefghijklmnopqrstuvwxyz0123456789 end", "key [REDACTED] end")]
    [InlineData("sk-proj-AbCdEf0123456789_-XyZaBcDeF", "[REDACTED]")]
    [InlineData("use sk-ant-api03-AbCdEf0123456789abcdef-XYZ_ok now", "use [REDACTED] now")]
    [InlineData("token ghp_0123456789abcdefghijABCDEFGHIJklmn", "token [REDACTED]")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "[REDACTED]")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE here", "aws [REDACTED] here")]
    [InlineData("curl -H 'Authorization: Bearer abc.def-ghi_jkl'", "curl -H 'Authorization: [REDACTED]'")]
    [InlineData("Authorization: Basic dXNlcjpwYXNzd29yZA==\nnext line", "Authorization: [REDACTED]\nnext line")]
    [InlineData("sent Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig to server", "sent Bearer [REDACTED] to server")]
    [InlineData("api-key: 0123456789abcdef0123456789ABCDEF", "api-key: [REDACTED]")]
    [InlineData("AZURE_OPENAI_KEY=0123456789abcdef0123456789abcdef", "AZURE_OPENAI_KEY=[REDACTED]")]
    [InlineData("key1: 0123456789abcdef0123456789abcdef", "key1: [REDACTED]")]
    [InlineData("api_key = \"s3cr3t-value\"", "api_key = \"[REDACTED]\"")]
    [InlineData("OPENAI_API_KEY=not-an-sk-shape-123", "OPENAI_API_KEY=[REDACTED]")]
    [InlineData("{\"password\": \"correct horse\", \"user\": \"bob\"}", "{\"password\": \"[REDACTED]\", \"user\": \"bob\"}")]
    [InlineData("{\"client_secret\":\"abcdefgh123\"}", "{\"client_secret\":\"[REDACTED]\"}")]
    [InlineData("x-api-key: abcdef123456", "x-api-key: [REDACTED]")]
    [InlineData("Host=db;Username=app;Password=Sup3rSecret;Database=x", "Host=db;Username=app;Password=[REDACTED];Database=x")]
    [InlineData("postgres://app:Sup3rSecret@db:5432/x", "postgres://app:[REDACTED]@db:5432/x")]
    [InlineData("clone with glpat-" + "AbCdEf0123456789xyzW please", "clone with [REDACTED] please")]
    [InlineData("stripe sk_" + "live_AbCdEf0123456789xyzWvuT", "stripe [REDACTED]")]
    [InlineData("token npm_" + "AbCdEf0123456789xyzWvuTsRqPoNmLkJi12 here", "token [REDACTED] here")]
    public void Redact_KnownCredentialShapes_AreMasked(string input, string expected) => _patterns.Redact(input).ShouldBe(expected);

    [Fact]
    public void Redact_PrivateKeyBlock_IsMaskedWhole()
    {
        var text = "before\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\nAAAA\n-----END OPENSSH PRIVATE KEY-----\nafter";

        _patterns.Redact(text).ShouldBe("before\n[REDACTED]\nafter");
    }

    [Fact]
    public void Redact_PgpPrivateKeyBlock_IsMaskedWhole()
    {
        var text = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGZ0AAAAAQgA\n=AbCd\n-----END PGP PRIVATE KEY BLOCK-----\nafter";

        _patterns.Redact(text).ShouldBe("[REDACTED]\nafter");
    }

    [Fact]
    public void With_NamedValues_AreMaskedBesideTheFirstOnesAndKeepTheirNames()
    {
        var redactor = new SecretRedactor(["first-secret-1"]).With([new("NEXUS_API_KEY", "nx_host-key-123"), new("TOO_SHORT", "abc")]);

        redactor.Redact("first-secret-1 / nx_host-key-123 / abc").ShouldBe("[REDACTED] / [REDACTED] / abc");
        redactor.NamedValues.ShouldBe([new(null, "first-secret-1"), new("NEXUS_API_KEY", "nx_host-key-123")]);
    }

    [Theory]
    [InlineData("commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it")]
    [InlineData("md5 0123456789abcdef0123456789abcdef matches")]
    [InlineData("checksum: 0123456789abcdef0123456789abcdef")]
    [InlineData("the key idea is a monkey: 0123456789abcdef0123456789abcdef")]
    [InlineData("max_tokens: 4096, input_tokens=12")]
    [InlineData("run task-runner-abcdefghijklmnop and disk-usage-report-2024-01")]
    [InlineData("## ARIA — 2026-01-01T00:00:00Z\n\n- implement `SecretRedactor`\n- password rules: at least 12 chars")]
    [InlineData("the secret is out; Bearer of bad news")]
    [InlineData("https://example.com/path?q=1 and user@example.com")]
    public void Redact_NormalText_IsUnchanged(string text) => _patterns.Redact(text).ShouldBe(text);

    [Fact]
    public void Redact_AlreadyRedactedText_IsStable()
    {
        var once = _patterns.Redact("Authorization: Bearer abcdefghijkl; api_key=zzzzzzzzzz");

        _patterns.Redact(once).ShouldBe(once);
    }

    [Fact]
    public void FromEnvironment_MasksValuesOfSecretLookingAndExtraVariables()
    {
        var tokenName = "NEXUS_REDACTOR_TEST_" + Guid.NewGuid().ToString("N") + "_TOKEN";
        var extraName = "NEXUS_REDACTOR_TEST_" + Guid.NewGuid().ToString("N");
        var shortName = "NEXUS_REDACTOR_TEST_" + Guid.NewGuid().ToString("N") + "_KEY";
        var tokenValue = "tok" + Guid.NewGuid().ToString("N");
        var extraValue = "xtr" + Guid.NewGuid().ToString("N");
        try
        {
            Environment.SetEnvironmentVariable(tokenName, tokenValue);
            Environment.SetEnvironmentVariable(extraName, extraValue);
            Environment.SetEnvironmentVariable(shortName, "short");

            var redactor = SecretRedactor.FromEnvironment([extraName]);

            redactor.Redact($"{tokenValue} / {extraValue} / short").ShouldBe("[REDACTED] / [REDACTED] / short");
            SecretRedactor.FromEnvironment().Redact(extraValue).ShouldBe(extraValue);
        }
        finally
        {
            Environment.SetEnvironmentVariable(tokenName, null);
            Environment.SetEnvironmentVariable(extraName, null);
            Environment.SetEnvironmentVariable(shortName, null);
        }
    }

    [Theory]
    [InlineData("ANTHROPIC_API_KEY", true)]
    [InlineData("OPENAI_API_KEY", true)]
    [InlineData("AZURE_OPENAI_API_KEY", true)]
    [InlineData("NEXUS_API_KEY", true)]
    [InlineData("ANTHROPIC_AUTH_TOKEN", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("my_service_secret", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("PGPASSWORD", true)]
    [InlineData("PATH", false)]
    [InlineData("HOME", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    [InlineData("TOKENIZERS_PARALLELISM", false)]
    public void IsSecretVariableName_ClassifiesNames(string name, bool expected) => SecretRedactor.IsSecretVariableName(name).ShouldBe(expected);
}
