namespace Nexus.Compatibility.Tests.Support;

/// <summary>What <c>DurableTaskClient.PurgeInstanceAsync</c> does with an instance that is still running.</summary>
public enum ActivePurgeOutcome
{
    /// <summary>As documented: nothing is purged and the result counts 0.</summary>
    NotPurged,

    /// <summary>The running instance is deleted (count 1).</summary>
    Purged,

    /// <summary>The call throws <see cref="InvalidOperationException"/> and nothing is purged.</summary>
    Refused,
}
