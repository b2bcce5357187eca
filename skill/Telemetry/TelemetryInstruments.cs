using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Names = XaiGrok.Onboarding.Telemetry.TelemetryNames.Instruments;

namespace XaiGrok.Onboarding.Telemetry;

/// <summary>
/// The process-wide meter, activity source and instruments. Static because a host subscribes by name once, whatever
/// the number of module instances (one per user on a platform): per-instance facts (the user id) go on the
/// activities, never into an instrument's identity.
/// </summary>
internal static class TelemetryInstruments
{
    private static readonly string? Version = typeof(TelemetryInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static readonly ActivitySource Source = new(XaiGrokTelemetry.ActivitySourceName, Version);

    public static readonly Meter Meter = new(XaiGrokTelemetry.MeterName, Version);

    public static readonly Counter<long> SignInStarts = Meter.CreateCounter<long>(Names.SignInStarts, "{sign_in}", "Sign-ins started: a device code issued, a browser or provider sign-in begun.");

    public static readonly Counter<long> SignInResults = Meter.CreateCounter<long>(Names.SignInResults, "{sign_in}", "Sign-ins that ended: connected, denied, expired or failed.");

    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(Names.Refreshes, "{refresh}", "Session refreshes by outcome.");

    public static readonly Counter<long> ChatCalls = Meter.CreateCounter<long>(Names.ChatCalls, "{call}", "Chat calls by lane and outcome.");

    public static readonly Counter<long> MediaCalls = Meter.CreateCounter<long>(Names.MediaCalls, "{call}", "Image and video API calls by lane and outcome.");

    /// <summary>Whether a listener takes any instrument an operation scope records to (HTTP durations are recorded apart).</summary>
    public static bool AnyOperationMetricEnabled =>
        SignInStarts.Enabled || SignInResults.Enabled || Refreshes.Enabled || ChatCalls.Enabled || GenAiDuration.Enabled || GenAiTokens.Enabled;

    // Bucket boundaries as the semantic conventions advise for each histogram.
    public static readonly Histogram<double> HttpDuration = Meter.CreateHistogram(
        Names.HttpDuration, "s", "Duration of HTTP client requests (each attempt), until the answer was read or, for a stream, its headers.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10] });

    public static readonly Histogram<double> GenAiDuration = Meter.CreateHistogram(
        Names.GenAiDuration, "s", "GenAI operation duration.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    public static readonly Histogram<long> GenAiTokens = Meter.CreateHistogram(
        Names.GenAiTokens, "{token}", "Measures number of input and output tokens used.",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] });
}
