namespace Nexus.Api.Contracts;

/// <summary>The Durable Functions management payload of a started project.</summary>
internal sealed record StartProjectResponse(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string PurgeHistoryDeleteUri,
    string SuspendPostUri,
    string ResumePostUri,
    string RestartPostUri,
    string StreamGetUri);
