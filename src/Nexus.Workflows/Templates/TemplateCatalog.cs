using System.Text;
using System.Text.Json;
using Nexus.Workflows.Hosting;
using Nexus.Workflows.Model;

namespace Nexus.Workflows.Templates;

/// <summary>The project templates a process knows: the built-in ones and the user's (see
/// <see cref="WorkflowOptions.UserTemplatesDirectory"/>); a user template with a built-in's name replaces it.</summary>
/// <remarks>
/// A template is a folder: <c>template.json</c> (description, technology, testCommand, qaTools, securityTools),
/// <c>plan.md</c> (the plan skeleton) and <c>scaffold/</c> (the files of the project's first commit: text only, at most
/// <see cref="MaxScaffoldFiles"/> files and <see cref="MaxScaffoldBytes"/> bytes, no links). Reading it is the only time
/// its files are read: <see cref="Resolve"/> puts the whole template into the project's request.
/// </remarks>
public sealed class TemplateCatalog
{
    /// <summary>The file that makes a folder a template.</summary>
    public const string ManifestFile = "template.json";

    /// <summary>The plan skeleton's file.</summary>
    public const string PlanFile = "plan.md";

    /// <summary>The folder of the scaffold files.</summary>
    public const string ScaffoldFolder = "scaffold";

    /// <summary>Most scaffold files of a template.</summary>
    public const int MaxScaffoldFiles = 64;

    /// <summary>Most bytes of a template's scaffold (it travels in the project's request).</summary>
    public const int MaxScaffoldBytes = 256 * 1024;

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly IReadOnlyList<(string Directory, string? Source)> _folders;

    /// <summary>A catalog over <paramref name="builtIn"/> (may be <see langword="null"/> or missing) and
    /// <paramref name="user"/> (may be <see langword="null"/> or missing; it wins on a name both have).</summary>
    public TemplateCatalog(string? builtIn, string? user)
    {
        var folders = new List<(string, string?)>();
        if (builtIn is not null)
        {
            folders.Add((Path.GetFullPath(builtIn), null));
        }

        if (user is not null && (builtIn is null || !SamePath(user, builtIn)))
        {
            folders.Add((Path.GetFullPath(user), Path.GetFullPath(user)));
        }

        _folders = folders;
    }

    /// <summary>The catalog of <paramref name="options"/>: its built-in and user template folders.</summary>
    public static TemplateCatalog For(WorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TemplateCatalog(options.ResolveTemplatesDirectory(), options.UserTemplatesDirectory());
    }

    /// <summary>Every template, by name (user templates replace built-ins of the same name).</summary>
    /// <exception cref="InvalidOperationException">A template folder is invalid (the message names the file).</exception>
    public IReadOnlyList<ProjectTemplate> List() => [.. Folders().Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => Read(f.Name, f.Path, f.Source))];

    /// <summary>The names of every template, sorted.</summary>
    public IReadOnlyList<string> Names => [.. Folders().Keys.Order(StringComparer.Ordinal)];

    /// <summary>The template <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is no such template (the message lists the known names).</exception>
    /// <exception cref="InvalidOperationException">The template's folder is invalid.</exception>
    public ProjectTemplate Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Folders().TryGetValue(name, out var folder)
            ? Read(folder.Name, folder.Path, folder.Source)
            : throw new ArgumentException($"template: unknown template '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
    }

    /// <summary><paramref name="request"/> with its template (<see cref="ProjectRequest.Template"/>) read into
    /// <see cref="ProjectRequest.ResolvedTemplate"/>, and the template's test command and technology where the request has
    /// none. A request without a template, or whose template is already resolved, is returned as it is.</summary>
    /// <exception cref="ArgumentException">The template is unknown.</exception>
    public ProjectRequest Resolve(ProjectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Template is not { } name || request.ResolvedTemplate is not null)
        {
            return request;
        }

        var template = Get(name);
        return request with
        {
            ResolvedTemplate = template,
            TestCommand = request.TestCommand ?? template.TestCommand,
            Technology = request.Technology ?? template.Technology,
        };
    }

    private Dictionary<string, (string Name, string Path, string? Source)> Folders()
    {
        var found = new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal);
        foreach (var (directory, source) in _folders)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var folder in new DirectoryInfo(directory).EnumerateDirectories())
            {
                if (File.Exists(Path.Combine(folder.FullName, ManifestFile)) && ProjectRequestValidator.IsTemplateName(folder.Name))
                {
                    found[folder.Name] = (folder.Name, folder.FullName, source is null ? null : folder.FullName);
                }
            }
        }

        return found;
    }

    private static ProjectTemplate Read(string name, string folder, string? source)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        TemplateManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<TemplateManifest>(File.ReadAllText(manifestPath), _json)
                ?? throw new InvalidOperationException($"{manifestPath} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{manifestPath} is not valid: {e.Message}", e);
        }

        var plan = Path.Combine(folder, PlanFile);
        return new ProjectTemplate
        {
            Name = name,
            Description = manifest.Description ?? string.Empty,
            Source = source ?? TemplateSources.BuiltIn,
            Technology = manifest.Technology,
            TestCommand = manifest.TestCommand,
            PlanSkeleton = File.Exists(plan) ? File.ReadAllText(plan) : string.Empty,
            QaTools = manifest.QaTools ?? [],
            SecurityTools = manifest.SecurityTools ?? [],
            Scaffold = ReadScaffold(Path.Combine(folder, ScaffoldFolder)),
        };
    }

    private static List<TemplateFile> ReadScaffold(string root)
    {
        var files = new List<TemplateFile>();
        if (!Directory.Exists(root))
        {
            return files;
        }

        var bytes = 0L;
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (file.LinkTarget is not null || file.Directory?.LinkTarget is not null)
            {
                throw new InvalidOperationException($"{file.FullName}: a scaffold holds plain files, not links.");
            }

            bytes += file.Length;
            if (files.Count >= MaxScaffoldFiles || bytes > MaxScaffoldBytes)
            {
                throw new InvalidOperationException($"{root}: a scaffold has at most {MaxScaffoldFiles} files and {MaxScaffoldBytes / 1024} KB.");
            }

            try
            {
                files.Add(new TemplateFile(relative, strict.GetString(File.ReadAllBytes(file.FullName))));
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidOperationException($"{file.FullName}: a scaffold file must be UTF-8 text.", e);
            }
        }

        return files;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
