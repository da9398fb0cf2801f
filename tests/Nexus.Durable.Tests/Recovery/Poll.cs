namespace Nexus.Durable.Tests.Recovery;

/// <summary>Polls a condition until it holds or a deadline passes (the processes under test share no in-process signal).</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {timeout}: {describe()}");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }
}
