using System.Text.Json;
using Nexus.Agents.Messaging;
using Shouldly;
using Xunit;

namespace Nexus.Agents.Tests.Messaging;

public sealed class MessageJsonTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 30, 0, TimeSpan.Zero);

    private sealed record ImplementTask(string Goal, IReadOnlyList<string> Files, int Iteration);

    private static TaskAssignment Assignment() => new()
    {
        MessageId = "msg-1",
        Timestamp = Now,
        From = new AgentAddress("prime", "orchestrator", "project-42"),
        To = new AgentAddress("code", "developer", "project-42"),
        MessageType = "implement",
        Priority = MessagePriority.High,
        Payload = MessageJson.ToElement(new ImplementTask("Add a CLI", ["cli.py"], 2)),
        Timeout = TimeSpan.FromMinutes(20),
    };

    [Fact]
    public void Assignment_RoundTrips_WithSnakeCaseNames()
    {
        var json = MessageJson.Serialize(Assignment());

        using (var document = JsonDocument.Parse(json))
        {
            var root = document.RootElement;
            root.GetProperty("message_id").GetString().ShouldBe("msg-1");
            root.GetProperty("timestamp").GetString().ShouldBe("2026-11-21T10:30:00+00:00");
            root.GetProperty("from").GetProperty("agent_id").GetString().ShouldBe("prime");
            root.GetProperty("to").GetProperty("agent_type").GetString().ShouldBe("developer");
            root.GetProperty("to").GetProperty("session_id").GetString().ShouldBe("project-42");
            root.GetProperty("message_type").GetString().ShouldBe("implement");
            root.GetProperty("priority").GetString().ShouldBe("high");
            root.GetProperty("payload").GetProperty("goal").GetString().ShouldBe("Add a CLI");
            root.GetProperty("response_expected").GetBoolean().ShouldBeTrue();
            root.GetProperty("timeout_seconds").GetDouble().ShouldBe(1200);
        }

        var back = MessageJson.DeserializeAssignment(json);

        back.MessageId.ShouldBe("msg-1");
        back.Timestamp.ShouldBe(Now);
        back.From.ShouldBe(new AgentAddress("prime", "orchestrator", "project-42"));
        back.Priority.ShouldBe(MessagePriority.High);
        back.Timeout.ShouldBe(TimeSpan.FromMinutes(20));
        back.PayloadAs<ImplementTask>()!.Files.ShouldBe(["cli.py"]);
        back.PayloadAs<ImplementTask>()!.Iteration.ShouldBe(2);
    }

    [Fact]
    public void Response_RoundTrips_AndAnswersTheAssignment()
    {
        var response = Assignment().CreateResponse("msg-2", Now.AddSeconds(75), TaskResponseStatus.TimedOut, TimeSpan.FromSeconds(74.5), error: "no answer within 20 minutes");

        var json = MessageJson.Serialize(response);
        var back = MessageJson.DeserializeResponse(json);

        json.ShouldContain("\"status\":\"timed_out\"");
        json.ShouldContain("\"execution_time_seconds\":74.5");
        json.ShouldContain("\"response_to\":\"msg-1\"");
        json.ShouldNotContain("\"result\"");
        back.ShouldBe(response);
        back.From.AgentId.ShouldBe("code");
        back.To.AgentId.ShouldBe("prime");
        back.ResultAs<ImplementTask>().ShouldBeNull();
    }

    [Fact]
    public void Response_WithTypedResult_RoundTrips()
    {
        var response = Assignment().CreateResponse("msg-3", Now, TaskResponseStatus.Completed, TimeSpan.FromSeconds(3), MessageJson.ToElement(new { changed_files = new[] { "cli.py" } }));

        var back = MessageJson.DeserializeResponse(MessageJson.Serialize(response));

        back.Result!.Value.GetProperty("changed_files")[0].GetString().ShouldBe("cli.py");
    }

    [Fact]
    public void DeserializeAssignment_MinimalMessage_UsesDefaults()
    {
        const string json = """
            {"message_id":"m","timestamp":"2026-11-21T10:30:00Z","from":{"agent_id":"user","agent_type":"human"},
             "to":{"agent_id":"aria","agent_type":"coordinator"},"message_type":"plan","payload":"Build a todo app","extra_field":1}
            """;

        var assignment = MessageJson.DeserializeAssignment(json);

        assignment.Priority.ShouldBe(MessagePriority.Normal);
        assignment.ResponseExpected.ShouldBeTrue();
        assignment.Timeout.ShouldBeNull();
        assignment.From.SessionId.ShouldBeNull();
        assignment.PayloadAs<string>().ShouldBe("Build a todo app");
    }

    [Theory]
    [InlineData("{bad", "not valid JSON (line 1, position 2)")]
    [InlineData("", "not valid JSON (line 1, position 1)")]
    public void DeserializeAssignment_NotJson_SaysWhereWithoutTheReadersWords(string json, string expected)
    {
        var error = Should.Throw<MessageValidationException>(() => MessageJson.DeserializeAssignment(json));

        error.Problems.ShouldBe([expected]);
    }

    [Fact]
    public void DeserializeAssignment_MissingFields_ListsEveryOne()
    {
        const string json = """{"timestamp":"2026-11-21T10:30:00Z","from":{"agent_type":"orchestrator"},"message_type":"plan"}""";

        var error = Should.Throw<MessageValidationException>(() => MessageJson.DeserializeAssignment(json));

        error.MessageKind.ShouldBe("task_assignment");
        error.Problems.ShouldBe(["message_id is missing", "from.agent_id is missing", "to is missing", "payload is missing"]);
        error.Message.ShouldBe("Invalid task_assignment: message_id is missing; from.agent_id is missing; to is missing; payload is missing.");
    }

    [Theory]
    [InlineData("""{"priority":"urgent"}""", "priority must be one of low, normal, high, critical, got 'urgent'")]
    [InlineData("""{"priority":2}""", "priority must be a string, got a number")]
    [InlineData("""{"timeout_seconds":"20m"}""", "timeout_seconds must be a number of seconds, got a string")]
    [InlineData("""{"timeout_seconds":0}""", "timeout_seconds must be greater than 0")]
    [InlineData("""{"timestamp":"yesterday"}""", "timestamp must be an ISO 8601 timestamp, got 'yesterday'")]
    [InlineData("""{"message_id":" "}""", "message_id must not be empty")]
    [InlineData("""{"to":"code"}""", "to must be an object with agent_id and agent_type, got a string")]
    [InlineData("""{"response_expected":"yes"}""", "response_expected must be true or false, got a string")]
    public void DeserializeAssignment_InvalidField_NamesIt(string patch, string expectedProblem)
    {
        var json = Patch(MessageJson.Serialize(Assignment()), patch);

        var error = Should.Throw<MessageValidationException>(() => MessageJson.DeserializeAssignment(json));

        error.Problems.ShouldContain(expectedProblem);
    }

    [Theory]
    [InlineData("""{"status":"done"}""", "status must be one of completed, failed, rejected, timed_out, canceled, got 'done'")]
    [InlineData("""{"response_to":null}""", "response_to is missing")]
    [InlineData("""{"execution_time_seconds":-1}""", "execution_time_seconds must not be negative")]
    [InlineData("""{"status":"failed"}""", "error is required when status is failed")]
    public void DeserializeResponse_InvalidField_NamesIt(string patch, string expectedProblem)
    {
        var valid = MessageJson.Serialize(Assignment().CreateResponse("r", Now, TaskResponseStatus.Completed, TimeSpan.FromSeconds(1)));

        var error = Should.Throw<MessageValidationException>(() => MessageJson.DeserializeResponse(Patch(valid, patch)));

        error.MessageKind.ShouldBe("task_response");
        error.Problems.ShouldContain(expectedProblem);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public void DeserializeAssignment_NotAnObject_IsAValidationError(string json)
    {
        Should.Throw<MessageValidationException>(() => MessageJson.DeserializeAssignment(json)).MessageKind.ShouldBe("task_assignment");
    }

    [Fact]
    public void Serialize_InvalidMessage_Refuses()
    {
        var invalid = Assignment() with { MessageId = "", To = new AgentAddress("code", "") };

        var error = Should.Throw<MessageValidationException>(() => MessageJson.Serialize(invalid));

        error.Problems.ShouldBe(["message_id must not be empty", "to.agent_type must not be empty"]);
    }

    [Fact]
    public void PayloadAs_WrongShape_IsAValidationError()
    {
        var assignment = Assignment() with { Payload = MessageJson.ToElement(new { iteration = "two" }) };

        Should.Throw<MessageValidationException>(() => assignment.PayloadAs<ImplementTask>()).Message.ShouldContain("payload is not a valid ImplementTask");
    }

    private static string Patch(string json, string patch)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(patch)!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        return node.ToJsonString();
    }
}
