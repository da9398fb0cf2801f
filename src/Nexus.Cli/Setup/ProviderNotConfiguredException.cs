namespace Nexus.Cli.Setup;

/// <summary>A run has no provider it can use; the message says what is missing (exit code 2, with <see cref="Providers.ConfigurationHint"/>).</summary>
internal sealed class ProviderNotConfiguredException : Exception
{
    public ProviderNotConfiguredException()
    {
    }

    public ProviderNotConfiguredException(string message)
        : base(message)
    {
    }

    public ProviderNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
