using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Nexus.Workflows.Hosting;
using Nexus.Hosting;

namespace Nexus.Api.Security;

/// <summary>The accepted API keys: configured keys, else <c>NEXUS_API_KEY</c> (comma-separated), else (where
/// <see cref="ApiOptions.GenerateKeyFile"/> is on) a random key generated on first start into <c>{data}/api-key</c> (mode 600)
/// and printed once to the console (never to the log); else none, and every request is refused.</summary>
/// <remarks>Only SHA-256 hashes of the keys are kept here; a presented key is compared in constant time. The values go,
/// once, into <see cref="Nexus.Workflows.Hosting.WorkflowOptions.SecretValues"/>, so that the runtime's redactor masks them in every response and the
/// commit scan refuses a step that writes one into the workspace (an agent can read <c>{data}/api-key</c>).</remarks>
internal sealed partial class ApiKeyStore(IOptions<ApiOptions> apiOptions, NexusOptions runtimeOptions, ILogger<ApiKeyStore> logger)
{
    /// <summary>The key file's name in the data directory.</summary>
    public const string FileName = "api-key";

    private readonly Lock _gate = new();
    private IReadOnlyList<byte[]>? _hashes;

    /// <summary>Where the generated key lives.</summary>
    public string KeyFilePath => Path.Combine(runtimeOptions.DataPath, FileName);

    /// <summary>Loads (or creates) the keys; called once at start, before the runtime starts, so that the keys are among
    /// its secrets.</summary>
    public void Initialize()
    {
        lock (_gate)
        {
            _hashes ??= Load();
        }
    }

    /// <summary>The id of <paramref name="presented"/> (a short hash, safe to log and to partition rate limits by),
    /// or <see langword="null"/> when it is not an accepted key.</summary>
    public string? Identify(string presented)
    {
        Initialize();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var accepted in _hashes!)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, accepted);
        }

        return match ? Convert.ToHexStringLower(hash)[..12] : null;
    }

    private List<byte[]> Load()
    {
        var keys = apiOptions.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).ToList();
        var source = "Nexus:ApiKeys";
        if (keys.Count == 0 && Environment.GetEnvironmentVariable(ApiOptions.ApiKeyVariable) is { Length: > 0 } variable)
        {
            keys = [.. variable.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
            source = ApiOptions.ApiKeyVariable;
        }

        if (keys.Count > 0)
        {
            LogKeysFromConfiguration(keys.Count);
        }
        else if (apiOptions.Value.GenerateKeyFile)
        {
            keys = [LoadOrCreateKeyFile()];
            source = "the api-key file";
        }
        else
        {
            LogNoKey(ApiOptions.ApiKeyVariable);
            return [];
        }

        // Named by where the key came from: a refused commit says "configured secret (value of the API key from the api-key
        // file)", never the key.
        for (var i = 0; i < keys.Count; i++)
        {
            runtimeOptions.SecretValues[keys.Count == 1 ? $"the API key from {source}" : $"API key {i + 1} from {source}"] = keys[i];
        }

        return [.. keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];
    }

    private string LoadOrCreateKeyFile()
    {
        var path = KeyFilePath;
        Directory.CreateDirectory(runtimeOptions.DataPath);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
        {
            LogKeyFileUsed(path);
            return existing;
        }

        var key = "nx_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write(key);
            writer.Write('\n');
        }

        // Printed once, on the console only: the log may be shipped elsewhere and must never hold a secret.
        Console.Out.WriteLine($"NEXUS API key (created, stored in {path}): {key}");
        LogKeyCreated(path);
        return key;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "API keys: {Count} key(s) from configuration or NEXUS_API_KEY")]
    private partial void LogKeysFromConfiguration(int count);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "API key: using the key stored in {Path}")]
    private partial void LogKeyFileUsed(string path);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "API keys: none configured; every /api request is refused until {Variable} (or Nexus:ApiKeys) is set")]
    private partial void LogNoKey(string variable);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "API key: created a new key in {Path} (printed once on the console)")]
    private partial void LogKeyCreated(string path);
}
