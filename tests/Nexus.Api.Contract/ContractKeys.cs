namespace Nexus.Api.Contract;

/// <summary>The API keys every host under test accepts.</summary>
public static class ContractKeys
{
    /// <summary>The first key.</summary>
    public const string ApiKey = "test-key-0123456789";

    /// <summary>Another caller's key.</summary>
    public const string OtherApiKey = "test-key-other-9876543210";
}
