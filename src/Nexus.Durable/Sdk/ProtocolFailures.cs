using Nexus.Durable.History;
using P = Microsoft.DurableTask.Protobuf;

namespace Nexus.Durable.Sdk;

/// <summary>Failure details between NEXUS's history and the Durable Task protocol (the same five fields on both sides).</summary>
internal static class ProtocolFailures
{
    public static P.TaskFailureDetails? ToProtocol(FailureDetails? failure) => failure is null
        ? null
        : new P.TaskFailureDetails
        {
            ErrorType = failure.ErrorType,
            ErrorMessage = failure.Message,
            StackTrace = failure.StackTrace,
            InnerFailure = ToProtocol(failure.Inner),
            IsNonRetriable = failure.IsNonRetriable,
        };

    public static FailureDetails? FromProtocol(P.TaskFailureDetails? failure) => failure is null
        ? null
        : new FailureDetails(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, FromProtocol(failure.InnerFailure), failure.IsNonRetriable);
}
