using Nexus.Workflows.Model;
using Nexus.Workflows.Templates;
using Nexus.Workflows.Tests.Support;
using Shouldly;
using Xunit;

namespace Nexus.Workflows.Tests.Templates;

public sealed class TemplateCatalogTests
{
    [Fact]
    public void List_BuiltIns_HasTheFourKindsWithPlanTestCommandToolsAndScaffold()
    {
        var catalog = new TemplateCatalog(TemplateFixture.BuiltInDirectory, user: null);

        var templates = catalog.List();

        templates.Select(t => t.Name).ShouldBe(["dotnet-webapi", "node-http-api", "node-library", "python-package"]);
        templates.ShouldAllBe(t => t.Source == TemplateSources.BuiltIn && t.Description.Length > 0 && t.TestCommand != null
            && t.PlanSkeleton.Contains("## Acceptance criteria") && t.QaTools.Count > 0 && t.SecurityTools.Count > 0 && t.Scaffold.Count > 0);
        templates.Single(t => t.Name == "node-library").Scaffold.Select(f => f.Path).ShouldBe([".gitignore", "package.json", "src/index.js", "test/index.test.js"]);
    }

    [Fact]
    public void List_UserTemplate_IsAddedAndReplacesABuiltInOfTheSameName()
    {
        using var user = new TempFolder();
        user.Write("node-library/template.json", """{ "description": "our own library layout", "testCommand": "npm test" }""");
        user.Write("node-library/scaffold/README.md", "# ours\n");
        user.Write("go-service/template.json", """{ "description": "a Go service", "testCommand": "go test ./..." }""");
        user.Write("not-a-template/readme.txt", "no template.json here");

        var templates = new TemplateCatalog(TemplateFixture.BuiltInDirectory, user.Path).List();

        templates.Select(t => t.Name).ShouldBe(["dotnet-webapi", "go-service", "node-http-api", "node-library", "python-package"]);
        var ours = templates.Single(t => t.Name == "node-library");
        ours.Source.ShouldBe(Path.Combine(user.Path, "node-library"));
        ours.Scaffold.ShouldBe([new TemplateFile("README.md", "# ours\n")]);
        ours.PlanSkeleton.ShouldBeEmpty();
    }

    [Fact]
    public void Resolve_UnknownTemplate_ThrowsNamingTheKnownOnes()
    {
        var catalog = new TemplateCatalog(TemplateFixture.BuiltInDirectory, user: null);

        var error = Should.Throw<ArgumentException>(() => catalog.Resolve(new ProjectRequest { Description = "x", Template = "cobol-batch" }));

        error.Message.ShouldStartWith("template: unknown template 'cobol-batch' (known: dotnet-webapi, node-http-api, node-library, python-package).");
    }

    [Fact]
    public void Resolve_Template_CarriesItAndDefaultsTheTestCommandButKeepsTheUsers()
    {
        var catalog = new TemplateCatalog(TemplateFixture.BuiltInDirectory, user: null);

        var plain = catalog.Resolve(new ProjectRequest { Description = "x", Template = "python-package" });
        var own = catalog.Resolve(new ProjectRequest { Description = "x", Template = "python-package", TestCommand = "make test" });

        plain.ResolvedTemplate!.Name.ShouldBe("python-package");
        plain.TestCommand.ShouldBe("python3 -m unittest discover -s tests -t . -v");
        plain.Technology.ShouldBe(plain.ResolvedTemplate.Technology);
        own.TestCommand.ShouldBe("make test");
        catalog.Resolve(new ProjectRequest { Description = "x" }).ResolvedTemplate.ShouldBeNull();
    }

    [Fact]
    public void Read_ScaffoldWithALink_IsRefused()
    {
        using var user = new TempFolder();
        user.Write("linky/template.json", "{}");
        user.Write("linky/scaffold/a.txt", "a");
        File.CreateSymbolicLink(Path.Combine(user.Path, "linky", "scaffold", "secret"), "/etc/passwd");

        Should.Throw<InvalidOperationException>(() => new TemplateCatalog(null, user.Path).Get("linky")).Message.ShouldContain("not links");
    }
}
