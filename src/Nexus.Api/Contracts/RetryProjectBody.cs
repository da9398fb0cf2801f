using System.Text.Json.Serialization;
using Nexus.Workflows.Model;

namespace Nexus.Api.Contracts;

/// <summary>The optional body of <c>POST /api/projects/{id}/retry</c>: limits that replace the project's own (omitted:
/// kept). Unknown fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RetryProjectBody
{
    /// <summary>1–20, counted from the project's start.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>A spending cap in USD for the whole project (&gt; 0).</summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>A token cap for the whole project (&gt; 0).</summary>
    public long? MaxTokens { get; init; }

    /// <summary>The limits for <see cref="Nexus.Hosting.ProjectClient.RetryAsync"/>.</summary>
    public RetryLimits ToLimits() => new() { MaxIterations = MaxIterations, BudgetUsd = BudgetUsd, MaxTokens = MaxTokens };
}
