namespace Nexus.Api.Contracts;

/// <summary>The answer of <c>POST /api/tasks/create</c> (the original API; the task is a project).</summary>
internal sealed record TaskCreatedResponse(string TaskId, string Status, string StatusUri, string ResultUri, string StreamUri);
