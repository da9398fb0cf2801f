using Nexus.Agents.Security;
using Nexus.Agents.Tests.Workspaces;
using Nexus.Agents.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Security;

/// <summary>The Security gate: each injection-prone pattern on a line of its own, a clean list that must give nothing, and
/// a scan of a real git change with a secret in it.</summary>
public sealed class SecurityGateTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    /// <summary>File, line, rule, severity.</summary>
    public static TheoryData<string, string, string, string> Unsafe() => new()
    {
        { "db.js", "db.query(\"SELECT * FROM users WHERE id = \" + id);", "js-sql", SecuritySeverity.High },
        { "db.js", "db.query(`DELETE FROM users WHERE name = '${name}'`);", "js-sql", SecuritySeverity.High },
        { "run.js", "exec('git log ' + branch, done);", "js-command", SecuritySeverity.High },
        { "run.js", "child_process.execSync(`rm -rf ${dir}`);", "js-command", SecuritySeverity.High },
        { "run.js", "spawn(cmd, args, { shell: true });", "js-shell", SecuritySeverity.Medium },
        { "calc.js", "const value = eval(input);", "js-eval", SecuritySeverity.High },
        { "calc.js", "const f = new Function('a', body);", "js-eval", SecuritySeverity.High },
        { "view.js", "element.innerHTML = comment;", "js-html", SecuritySeverity.Medium },
        { "view.js", "document.write(banner);", "js-html", SecuritySeverity.Medium },
        { "View.jsx", "<div dangerouslySetInnerHTML={{ __html: html }} />", "js-html", SecuritySeverity.Medium },
        { "db.py", "cursor.execute(f\"SELECT * FROM users WHERE id = {user_id}\")", "py-sql", SecuritySeverity.High },
        { "db.py", "cursor.execute(\"DELETE FROM t WHERE id = %s\" % user_id)", "py-sql", SecuritySeverity.High },
        { "run.py", "os.system('ping ' + host)", "py-command", SecuritySeverity.High },
        { "run.py", "subprocess.run(cmd, shell=True)", "py-shell", SecuritySeverity.High },
        { "run.py", "result = eval(expression)", "py-eval", SecuritySeverity.High },
        { "Repo.cs", "var cmd = new SqlCommand(\"SELECT * FROM Users WHERE Name = '\" + name + \"'\", conn);", "cs-sql", SecuritySeverity.High },
        { "Repo.cs", "command.CommandText = $\"DELETE FROM Users WHERE Id = {id}\";", "cs-sql", SecuritySeverity.High },
        { "Run.cs", "Process.Start($\"git checkout {branch}\");", "cs-process", SecuritySeverity.High },
    };

    /// <summary>Code that looks close to a pattern and is safe.</summary>
    public static TheoryData<string, string> Clean() => new()
    {
        { "db.js", "db.query('SELECT * FROM users WHERE id = $1', [id]);" },
        { "db.js", "const sql = 'SELECT * FROM users WHERE id = ?';" },
        { "msg.js", "console.log(\"never call eval(x) on input\");" },
        { "msg.js", "// eval(input) would be unsafe here" },
        { "msg.js", "const label = 'Update ' + name;" },
        { "re.js", "const match = pattern.exec(text + suffix);" },
        { "run.js", "execFile('git', ['log', branch]);" },
        { "view.js", "element.textContent = comment;" },
        { "view.js", "if (element.innerHTML === '') { show(); }" },
        { "calc.js", "const evaluate = (x) => x * 2; retrieval(x);" },
        { "db.py", "cursor.execute(\"SELECT * FROM users WHERE id = %s\", (user_id,))" },
        { "run.py", "subprocess.run([\"ping\", host], check=True)" },
        { "run.py", "print('do not eval(this)')  # eval( in a comment" },
        { "run.py", "model.evaluate(data)" },
        { "Repo.cs", "var cmd = new SqlCommand(\"SELECT * FROM Users WHERE Name = @name\", conn);" },
        { "Run.cs", "var info = new ProcessStartInfo(\"git\") { ArgumentList = { \"checkout\", branch } };" },
        { "notes.md", "Never write eval(input) or \"SELECT * FROM t WHERE id = \" + id in code." },
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void Scan_InjectionPronePattern_IsFoundWithSeverityFileAndLine(string file, string line, string rule, string severity)
    {
        var findings = InjectionPatterns.Scan(file, [new AddedLine(1, "// a harmless comment"), new AddedLine(7, line)]);

        var finding = findings.ShouldHaveSingleItem();
        (finding.Rule, finding.Severity, finding.File, finding.Line).ShouldBe((rule, severity, file, 7));
    }

    [Theory]
    [MemberData(nameof(Clean))]
    public void Scan_SafeLookalike_IsNotAFinding(string file, string line) =>
        InjectionPatterns.Scan(file, [new AddedLine(1, line)]).ShouldBeEmpty();

    [Fact]
    public async Task ScanAsync_RealChange_FindsTheSecretAndTheInjectionAndBlocks()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Ct);
        var root = await workspace.HeadAsync(Ct);
        await File.WriteAllTextAsync(_folder.Combine("safe.js"), "module.exports = (db, id) => db.query('SELECT 1 FROM t WHERE id = $1', [id]);\n", Ct);
        await workspace.CommitAllAsync("Code", "code@nexus.local", "first", cancellationToken: Ct);
        var key = "ghp_" + FakeSecrets.Alnum(36, "gate");
        await File.WriteAllTextAsync(_folder.Combine("unsafe.js"), $"const token = '{key}';\nmodule.exports = (input) => eval(input);\n", Ct);
        var head = (await workspace.CommitAllAsync("Code", "code@nexus.local", "second", cancellationToken: Ct))!.CommitId;

        var report = await new SecurityGate(SecretScanner.PatternsOnly).ScanAsync(workspace, head, cancellationToken: Ct);

        report.FromCommit.ShouldBe(root);
        report.FilesScanned.ShouldBe(2);
        report.Passed.ShouldBeFalse();
        report.Findings.Select(f => (f.Severity, f.File, f.Line, f.Rule)).ShouldBe(
        [
            (SecuritySeverity.High, "unsafe.js", (int?)1, "secret"),
            (SecuritySeverity.High, "unsafe.js", (int?)2, "js-eval"),
        ]);
        report.ToMarkdown().ShouldNotContain(key);
        report.CodeWork().ShouldContain("unsafe.js:2 js-eval");
    }

    [Fact]
    public async Task ScanAsync_CleanChange_Passes()
    {
        var workspace = await GitWorkspace.OpenOrInitAsync(_folder.Path, cancellationToken: Ct);
        await File.WriteAllTextAsync(_folder.Combine("view.js"), "el.innerHTML = text;\nmodule.exports = {};\n", Ct);
        var head = (await workspace.CommitAllAsync("Code", "code@nexus.local", "first", cancellationToken: Ct))!.CommitId;

        var report = await new SecurityGate(SecretScanner.PatternsOnly).ScanAsync(workspace, head, cancellationToken: Ct);

        report.Passed.ShouldBeTrue(); // a medium finding is reported, not blocking
        report.Findings.ShouldHaveSingleItem().Rule.ShouldBe("js-html");
        report.ToMarkdown().ShouldContain("| medium | view.js | 1 | js-html |");
    }
}
