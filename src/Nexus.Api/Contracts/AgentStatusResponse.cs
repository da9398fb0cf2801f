namespace Nexus.Api.Contracts;

/// <summary>One agent of the team across running projects (<c>GET /api/agents/status</c>).</summary>
/// <param name="AgentId">The agent id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Role">The role.</param>
/// <param name="Backend">The configured backend.</param>
/// <param name="Status"><c>busy</c> when it is taking a turn in some project, else <c>idle</c>.</param>
/// <param name="ActiveProjects">Active projects it is working in right now.</param>
internal sealed record AgentStatusResponse(string AgentId, string Name, string Role, string Backend, string Status, IReadOnlyList<string> ActiveProjects);
