namespace Nexus.Durable.Sqlite;

/// <summary>One schema step: applied once, in order, and recorded in <c>schema_version</c>.</summary>
/// <param name="Version">The version the database has after the step.</param>
/// <param name="Description">What the step does.</param>
/// <param name="Sql">The statements.</param>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
