using Nexus.Api.Intake;
using System.Net;
using System.Text.Json;
using Nexus.Server.Queue;
using Nexus.Server.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.Api;
using static Nexus.Api.Contract.Support.QueueMessages;

namespace Nexus.Server.Tests.Queue;

public sealed class SubmissionQueueTests(SharedHost host)
{
    private readonly NexusAppFactory _app = host.Factory;

    internal static async Task<JsonElement> WaitForStateAsync(HttpClient client, string messageId, string state)
    {
        JsonElement record = default;
        await UntilAsync(
            async () =>
            {
                var response = await client.GetAsync($"/api/queue/{messageId}", Ct);
                record = await response.JsonAsync();
                return response.IsSuccessStatusCode && record.GetProperty("state").GetString() == state;
            },
            $"message {messageId} is {state}");
        return record;
    }

    [Fact]
    public async Task Enqueue_SameMessageIdTwice_StartsOneProject()
    {
        using var client = _app.CreateApiClient();
        var messageId = Guid.NewGuid().ToString();
        var envelope = Envelope(messageId, "normal", Payload());

        var first = await (await client.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.Accepted);
        var second = await (await client.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.OK);
        var record = await WaitForStateAsync(client, messageId, "completed");
        var third = await (await client.PostRawAsync("/api/queue", envelope)).ShouldBeAsync(HttpStatusCode.OK);

        first.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        second.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        third.GetProperty("state").GetString().ShouldBe("completed");
        var projectId = record.GetProperty("projectId").GetString()!;
        projectId.ShouldBe(Submission.DeriveProjectId(messageId));
        // "completed" means the project was started; its history gets ExecutionStarted at the worker's first episode.
        await UntilAsync(
            async () => (await _app.Projects.GetHistoryAsync(projectId, Ct)).Count > 0,
            $"project {projectId} ran its first episode");
        var history = await _app.Projects.GetHistoryAsync(projectId, Ct);
        history.Count(e => e.Kind == Durable.History.EventKind.ExecutionStarted).ShouldBe(1);
        record.GetProperty("attempts").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Consume_InvalidPayload_IsParkedWithTheReason()
    {
        using var client = _app.CreateApiClient();
        var empty = Guid.NewGuid().ToString();
        var typo = Guid.NewGuid().ToString();
        var notObject = Guid.NewGuid().ToString();
        var payload = Payload();
        payload["description"] = string.Empty;
        var misspelt = Payload();
        misspelt["max_iteration"] = 3;

        await (await client.PostRawAsync("/api/queue", Envelope(empty, "high", payload))).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.PostRawAsync("/api/queue", Envelope(typo, "high", misspelt))).ShouldBeAsync(HttpStatusCode.Accepted);
        await (await client.PostRawAsync("/api/queue", Envelope(notObject, "low", "just a string"))).ShouldBeAsync(HttpStatusCode.Accepted);
        await WaitForStateAsync(client, empty, "dead");
        await WaitForStateAsync(client, typo, "dead");
        await WaitForStateAsync(client, notObject, "dead");

        var dead = (await (await client.GetAsync("/api/queue/dead-letters", Ct)).ShouldBeAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        dead.Single(d => d.GetProperty("messageId").GetString() == empty).GetProperty("reason").GetString()!.ShouldContain("description");
        dead.Single(d => d.GetProperty("messageId").GetString() == typo).GetProperty("reason").GetString()!.ShouldContain("max_iteration");
        dead.Single(d => d.GetProperty("messageId").GetString() == notObject).GetProperty("reason").GetString()!.ShouldStartWith("invalid payload");
        (await _app.Projects.GetAsync(Submission.DeriveProjectId(empty), cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Consume_PayloadWithSeveralProblems_IsParkedNamingEveryOne()
    {
        using var client = _app.CreateApiClient();
        var messageId = Guid.NewGuid().ToString();
        var payload = Payload();
        payload["max_iterations"] = 0;
        payload["provider"] = "skynet";
        payload["template"] = "../node-library";
        payload["replay_delay_seconds"] = -1;

        await (await client.PostRawAsync("/api/queue", Envelope(messageId, "high", payload))).ShouldBeAsync(HttpStatusCode.Accepted);
        var record = await WaitForStateAsync(client, messageId, "dead");

        record.GetProperty("reason").GetString().ShouldBe(
            "invalid payload: replayDelaySeconds: must be between 0 and 600. maxIterations: must be between 1 and 20 (it is 0). " +
            "provider: 'skynet' is not one of claude, openai, azure-openai, anthropic, ollama, replay. " +
            "template: use 1–64 lowercase letters, digits, '-' or '_'.");
    }

    [Fact]
    public async Task Consume_ControlCharacterInDescription_IsParkedNamingFieldAndPosition()
    {
        using var client = _app.CreateApiClient();
        var messageId = Guid.NewGuid().ToString();
        var payload = Payload();
        payload["description"] = "slugkit\u001b]0;pwned\u0007";

        await (await client.PostRawAsync("/api/queue", Envelope(messageId, "high", payload))).ShouldBeAsync(HttpStatusCode.Accepted);
        var record = await WaitForStateAsync(client, messageId, "dead");

        record.GetProperty("reason").GetString().ShouldBe(
            "invalid payload: description: contains a control character (U+001B) at position 8; only newlines and tabs are allowed.");
        (await _app.Projects.GetAsync(Submission.DeriveProjectId(messageId), cancellationToken: Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Consume_IdOfRunningProject_IsParkedAsStartRefused()
    {
        using var client = _app.CreateApiClient();
        var running = await client.StartAsync(Demo(NewId("qrun")));
        var messageId = Guid.NewGuid().ToString();

        await (await client.PostRawAsync("/api/queue", Envelope(messageId, "critical", Payload(running)))).ShouldBeAsync(HttpStatusCode.Accepted);
        var record = await WaitForStateAsync(client, messageId, "dead");

        record.GetProperty("reason").GetString()!.ShouldStartWith("start refused");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"message_id\":\"m\",\"timestamp\":\"2026-11-21T10:00:00Z\",\"from\":{\"agent_id\":\"u\",\"agent_type\":\"h\"},\"to\":{\"agent_id\":\"p\",\"agent_type\":\"o\"},\"message_type\":\"x\",\"priority\":\"urgent\",\"payload\":{}}")]
    [InlineData("{\"message_id\":5,\"timestamp\":\"2026-11-21T10:00:00Z\",\"from\":{\"agent_id\":\"u\",\"agent_type\":\"h\"},\"to\":{\"agent_id\":\"p\",\"agent_type\":\"o\"},\"message_type\":\"x\",\"payload\":{}}")]
    [InlineData("{\"message_id\":\"m\",\"timestamp\":\"yesterday\",\"from\":{\"agent_id\":\"u\",\"agent_type\":\"h\"},\"to\":{\"agent_id\":\"p\",\"agent_type\":\"o\"},\"message_type\":\"x\",\"payload\":{}}")]
    public async Task Enqueue_InvalidEnvelope_Returns400WithTheProblems(string body)
    {
        using var client = _app.CreateApiClient();

        var problem = await (await client.PostRawAsync("/api/queue", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
    }
}
