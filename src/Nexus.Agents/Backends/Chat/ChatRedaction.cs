using System.Collections;
using Nexus.Agents.Security;

namespace Nexus.Agents.Backends.Chat;

/// <summary>The default redactor of the chat backends: the configured key plus every secret-looking environment variable.</summary>
internal static class ChatRedaction
{
    internal static SecretRedactor Create(params string?[] configuredSecrets)
    {
        var values = new List<string>();
        foreach (var secret in configuredSecrets)
        {
            if (!string.IsNullOrWhiteSpace(secret))
            {
                values.Add(secret);
            }
        }

        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value
                && value.Length >= SecretRedactor.MinimumEnvironmentValueLength && SecretRedactor.IsSecretVariableName(name))
            {
                values.Add(value);
            }
        }

        return new SecretRedactor(values);
    }
}
