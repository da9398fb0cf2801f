namespace Nexus.Durable.Tests.Support;

/// <summary>Polls a condition until it holds or a real-time deadline passes (for waiting on another thread's progress).</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5, cancellationToken);
        }
    }
}
