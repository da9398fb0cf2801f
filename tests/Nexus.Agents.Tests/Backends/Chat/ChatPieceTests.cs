using Nexus.Agents.Backends.Chat;
using Nexus.Agents.Security;
using Nexus.Agents.Tests.Workspaces;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Backends.Chat;

public sealed class ChatPieceTests
{
    [Theory]
    [InlineData("gpt-4.1", 2.0, 8.0)]
    [InlineData("gpt-4.1-mini-2025-04-14", 0.40, 1.60)]
    [InlineData("GPT-4o-mini", 0.15, 0.60)]
    [InlineData("claude-sonnet-4-5-20250929", 3.0, 15.0)]
    [InlineData("claude-haiku-4-5", 1.0, 5.0)]
    public void ModelPriceTable_MatchesTheLongestPrefix(string model, double input, double output)
    {
        ModelPriceTable.Default.Find(model).ShouldBe(new ModelPrice((decimal)input, (decimal)output));
    }

    [Theory]
    [InlineData("llama3.1:8b")]
    [InlineData("my-azure-deployment")]
    [InlineData(null)]
    public void ModelPriceTable_UnknownOrLocalModel_CostsNothing(string? model)
    {
        ModelPriceTable.Default.Cost(model, 1_000_000, 1_000_000).ShouldBe(0m);
    }

    [Fact]
    public void ModelPriceTable_Cost_IsPerMillionTokens()
    {
        ModelPriceTable.Default.Cost("gpt-4o", 2_000_000, 500_000).ShouldBe(10m);
    }

    [Fact]
    public void ChatReply_Parse_ToleratesACodeFence()
    {
        var reply = ChatReply.Parse("```json\n{\"summary\":\"ok\",\"edits\":[{\"path\":\"a.txt\",\"content\":\"a\",\"delete\":false},{\"path\":\"b.txt\",\"content\":\"\",\"delete\":true}]}\n```");

        reply.Summary.ShouldBe("ok");
        reply.Edits.Count.ShouldBe(2);
        reply.Edits[0].ShouldBe(new Nexus.Agents.Workspaces.FileEdit("a.txt", "a"));
        reply.Edits[1].ShouldBe(new Nexus.Agents.Workspaces.FileEdit("b.txt", null, Delete: true));
    }

    [Fact]
    public void WorkspaceSnapshot_ShowsTextFiles_SkipsSecretsBinariesLinksAndBuildFolders()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile("src/app.py", "print('hi')\n");
        folder.WriteFile("config.py", "API_KEY = 'sk-abcdefghijklmnopqrstuvwxyz0123'\n");
        folder.WriteFile(".env", "OPENAI_API_KEY=sk-should-never-be-sent-0000000000\n");
        folder.WriteFile("deploy/server.pem", "-----BEGIN PRIVATE KEY-----\n");
        folder.WriteFile(".git/config", "[core]\n");
        folder.WriteFile("node_modules/left-pad/index.js", "module.exports = 1;\n");
        File.WriteAllBytes(folder.Combine("logo.png"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 1]);
        folder.WriteFile("big.txt", new string('x', WorkspaceSnapshot.MaxFileBytes + 1));
        Directory.CreateSymbolicLink(folder.Combine("etc-link"), "/etc");

        var text = WorkspaceSnapshot.Render(folder.Path, 100_000, SecretRedactor.PatternsOnly);

        text.ShouldContain("<file path=\"src/app.py\">\nprint('hi')\n</file>");
        text.ShouldContain("<file path=\"config.py\">");
        text.ShouldNotContain("sk-abcdefghijklmnopqrstuvwxyz0123");
        text.ShouldContain("- .env (");
        text.ShouldContain("may hold secrets");
        text.ShouldNotContain("sk-should-never-be-sent");
        text.ShouldNotContain("BEGIN PRIVATE KEY");
        text.ShouldContain("- logo.png (7 bytes, binary)");
        text.ShouldContain("too large");
        text.ShouldNotContain(".git/config");
        text.ShouldNotContain("left-pad");
        text.ShouldNotContain("etc-link");
    }

    [Fact]
    public void WorkspaceSnapshot_StopsShowingContentAtTheBudget()
    {
        using var folder = new TemporaryFolder();
        folder.WriteFile("a.txt", new string('a', 600));
        folder.WriteFile("b.txt", new string('b', 600));

        var text = WorkspaceSnapshot.Render(folder.Path, 1000, SecretRedactor.PatternsOnly);

        text.ShouldContain("<file path=\"a.txt\">");
        text.ShouldNotContain("<file path=\"b.txt\">");
        text.ShouldContain("- b.txt (600 bytes, over the prompt budget)");
        WorkspaceSnapshot.Render(folder.Path, 0, SecretRedactor.PatternsOnly).ShouldBeEmpty();
    }
}
