using Nexus.Agents.Processes;
using Nexus.Workflows.Hosting;

namespace Nexus.Hosting;

/// <summary>The files a project keeps under <c>{data}/projects/{id}</c>, as a purge deletes them.</summary>
internal static class ProjectFiles
{
    private const string TrashPrefix = ".purged-";

    /// <summary>Kills what the project's process records still name, then removes the project's folder (workspace, agent
    /// home, process records, scratchpads' mirror, chat folders) from its place at once, and deletes it.</summary>
    /// <remarks>The folder is first renamed (atomic), so the id's place is empty at once even when something of a just
    /// terminated run still writes into it (a step the engine has not stopped yet); what cannot be deleted now stays in a
    /// hidden <c>.purged-*</c> folder that the next purge deletes.</remarks>
    public static void Delete(WorkflowOptions options, string projectId)
    {
        var records = new DirectoryInfo(options.ProcessRecordDirectory(projectId));
        if (records.Exists)
        {
            foreach (var record in records.EnumerateFiles("*.pid"))
            {
                ProcessRecord.KillRecorded(record.FullName);
            }
        }

        var folder = new DirectoryInfo(options.ProjectDirectory(projectId));
        var projects = folder.Parent!;
        if (folder.Exists)
        {
            folder.MoveTo(Path.Combine(projects.FullName, $"{TrashPrefix}{projectId}-{Guid.NewGuid():N}"));
        }

        if (projects.Exists)
        {
            foreach (var trash in projects.EnumerateDirectories(TrashPrefix + "*"))
            {
                TryDelete(trash);
            }
        }
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Still written to by a run that is ending: the next purge deletes it.
        }
    }
}
