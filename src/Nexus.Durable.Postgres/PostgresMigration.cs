namespace Nexus.Durable.Postgres;

/// <summary>One schema step: applied once, in order, and recorded in <c>schema_version</c>.</summary>
/// <param name="Version">The version the schema has after the step.</param>
/// <param name="Description">What the step does.</param>
/// <param name="Sql">The statements; <c>{s}</c> stands for the quoted schema name.</param>
internal sealed record PostgresMigration(int Version, string Description, string Sql);
