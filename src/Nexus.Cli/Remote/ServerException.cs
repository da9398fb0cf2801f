namespace Nexus.Cli.Remote;

/// <summary>A NEXUS host could not be reached, refused the API key, or answered with a problem: the message is the one line
/// <c>nexus</c> prints (exit code 1). It never contains the API key.</summary>
internal sealed class ServerException : Exception
{
    public ServerException()
    {
    }

    public ServerException(string message)
        : base(message)
    {
    }

    public ServerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server could not be reached (trying again later may work).</summary>
    public bool Unreachable { get; init; }
}
