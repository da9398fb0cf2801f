using Nexus.Compatibility.Backends;
using Nexus.Compatibility.Tests.Support;

namespace Nexus.Compatibility.Tests;

/// <summary>The scenarios on Microsoft's stack: the reference every other backend is compared with.</summary>
public sealed class MicrosoftAzureStorageCompatibilityTests(CompatibilityBackendFixture<MicrosoftAzureStorageBackend> fixture)
    : CompatibilityTests<MicrosoftAzureStorageBackend>(fixture)
{
    /// <summary>
    /// False here: the sidecar does not store an orchestration's failure details (its dispatcher: "Failure details
    /// aren't being stored in the orchestration history, currently"), and Azure Storage keeps the failure message as
    /// the instance's output instead. The details still reach a parent orchestration intact (tested).
    /// </summary>
    protected override bool ClientReportsFailureDetails => false;

    /// <summary>
    /// Purged here: Azure Storage's purge deletes a running instance's state and history (count 1), contrary to the
    /// documented "not in a terminal state … PurgedInstanceCount 0".
    /// </summary>
    protected override ActivePurgeOutcome ActiveInstancePurge => ActivePurgeOutcome.Purged;
}
