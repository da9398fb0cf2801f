using Nexus.Agents.Processes;
using Nexus.Workflows.Hosting;

namespace Nexus.Hosting;

/// <summary>The files a project keeps under <c>{data}/projects/{id}</c>, as a purge deletes them.</summary>
internal static class ProjectFiles
{
    /// <summary>Kills what the project's process records still name (nothing may write into the folder while it goes),
    /// then deletes the project's folder: workspace, agent home, process records, scratchpads' mirror, chat folders.</summary>
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
        if (folder.Exists)
        {
            folder.Delete(recursive: true);
        }
    }
}
