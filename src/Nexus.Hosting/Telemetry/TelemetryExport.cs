using Nexus.Agents.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Nexus.Hosting.Telemetry;

/// <summary>Sends NEXUS's traces and metrics to an OpenTelemetry collector over OTLP — only when an endpoint is configured
/// (<see cref="NexusOptions.OtlpEndpoint"/>, default <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>). Disposing flushes what is pending.</summary>
internal sealed class TelemetryExport : IDisposable
{
    private readonly TracerProvider _traces;
    private readonly MeterProvider _metrics;

    private TelemetryExport(TracerProvider traces, MeterProvider metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>The export <paramref name="options"/> configure, or <see langword="null"/> when no endpoint is set.</summary>
    public static TelemetryExport? Start(NexusOptions options)
    {
        if (options.OtlpEndpoint is not { } endpoint)
        {
            return null;
        }

        var grpc = string.Equals(options.OtlpProtocol, "grpc", StringComparison.OrdinalIgnoreCase);
        var resource = ResourceBuilder.CreateDefault().AddService("nexus");
        var traces = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(NexusTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, endpoint, grpc, "v1/traces"))
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(NexusTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, endpoint, grpc, "v1/metrics"))
            .Build();
        return new TelemetryExport(traces, metrics);
    }

    // OTLP over HTTP takes the signal's full URL; over gRPC the collector's address.
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, bool grpc, string signalPath)
    {
        exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = grpc ? endpoint : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _traces.ForceFlush();
        _metrics.ForceFlush();
        _traces.Dispose();
        _metrics.Dispose();
    }
}
