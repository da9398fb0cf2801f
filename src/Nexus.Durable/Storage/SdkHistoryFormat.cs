namespace Nexus.Durable.Storage;

/// <summary>The schema step at which the stores start holding histories written by the Durable Task SDK's runner.</summary>
/// <remarks>Histories of the retired replay engine record entity calls in the orchestration's own history and pass activity
/// inputs bare, which the SDK's runner would misread on replay. A store that still has ACTIVE orchestrations of that engine
/// refuses the upgrade (nothing changes) with <see cref="Message"/>; finished ones stay readable (status, output, history).</remarks>
public static class SdkHistoryFormat
{
    /// <summary>Describes the step in the schema's version table.</summary>
    public const string Description = "histories written by the Durable Task SDK runner";

    /// <summary>The refusal for <paramref name="active"/> running orchestrations of the old engine.</summary>
    public static string Message(long active, string location) =>
        $"{location} holds {active} running orchestration(s) written by NEXUS's previous engine, which this version cannot resume: " +
        "finish or cancel them with the previous version (or purge them: nexus cancel ID, then nexus purge ID), or use a new data directory.";

    /// <summary>The SQL condition (over <c>instances</c>) that counts them: orchestrations that are Pending, Running or Suspended.</summary>
    public const string ActiveOrchestrations = "kind = 0 AND status IN (0, 1, 7)";
}
