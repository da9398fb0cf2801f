using System.Net;
using Nexus.Server.Tests.Support;
using Shouldly;
using Xunit;
using static Nexus.Api.Contract.Support.QueueMessages;
using static Nexus.Server.Tests.Queue.SubmissionQueueTests;
using static Nexus.Api.Contract.Support.Api;

namespace Nexus.Server.Tests.Queue;

public sealed class SubmissionQueuePriorityTests
{
    [Fact]
    public async Task Consume_MessagesQueuedWhileNoConsumerRan_StartsThemByPriorityThenArrival()
    {
        var data = NexusAppFactory.NewDataDirectory();
        var ids = new Dictionary<string, string>
        {
            ["low"] = "low-" + Guid.NewGuid().ToString("N"),
            ["normal-1"] = "normal1-" + Guid.NewGuid().ToString("N"),
            ["critical"] = "critical-" + Guid.NewGuid().ToString("N"),
            ["normal-2"] = "normal2-" + Guid.NewGuid().ToString("N"),
            ["high"] = "high-" + Guid.NewGuid().ToString("N"),
        };
        await using (var paused = new NexusAppFactory(data, o => o.QueueConsumerEnabled = false))
        {
            using var client = paused.CreateApiClient();
            foreach (var (label, id) in ids)
            {
                await (await client.PostRawAsync("/api/queue", Envelope(id, label.Split('-')[0], Payload()))).ShouldBeAsync(HttpStatusCode.Accepted);
            }

            (await (await client.GetAsync($"/api/queue/{ids["critical"]}", Ct)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("queued");
        }

        var consuming = new NexusAppFactory(data);
        try
        {
            using var client = consuming.CreateApiClient();
            var order = new Dictionary<string, long>();
            foreach (var (label, id) in ids)
            {
                order[label] = (await WaitForStateAsync(client, id, "completed")).GetProperty("processedOrder").GetInt64();
            }

            order.OrderBy(p => p.Value).Select(p => p.Key).ShouldBe(["critical", "high", "normal-1", "normal-2", "low"]);
        }
        finally
        {
            await consuming.DisposeAsync();
            consuming.DeleteData();
        }
    }
}
