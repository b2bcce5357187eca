using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace XaiGrok.Onboarding.Tests.Telemetry;

/// <summary>
/// Listens to the module's meter and activity source. Both are process-wide and tests run in parallel, so every query
/// takes the emulator's port: only what this test's emulator served (its <c>server.port</c>) is returned.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ConcurrentQueue<Measured> measurements = new();
    private readonly ConcurrentQueue<Activity> activities = new();
    private readonly MeterListener meters = new();
    private readonly ActivityListener tracing;

    public TelemetryCapture()
    {
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == XaiGrokTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue(new Measured(instrument.Name, value, Copy(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue(new Measured(instrument.Name, value, Copy(tags))));
        meters.Start();
        tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == XaiGrokTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
    }

    public IReadOnlyList<Measured> Measurements(string instrument, int port) =>
        [.. measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault("server.port"), port))];

    /// <summary>Every measurement of any instrument from this test's emulator.</summary>
    public IReadOnlyList<Measured> AllMeasurements(int port) =>
        [.. measurements.Where(m => Equals(m.Tags.GetValueOrDefault("server.port"), port))];

    public IReadOnlyList<Activity> Activities(int port) =>
        [.. activities.Where(a => Equals(a.GetTagItem("server.port"), port))];

    public void Dispose()
    {
        meters.Dispose();
        tracing.Dispose();
    }

    private static Dictionary<string, object?> Copy(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            copy[key] = value;
        }

        return copy;
    }
}

/// <summary>One measurement with its tags.</summary>
internal sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public object? this[string tag] => Tags.GetValueOrDefault(tag);
}
