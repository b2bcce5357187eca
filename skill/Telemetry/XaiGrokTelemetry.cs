namespace XaiGrok.Onboarding;

/// <summary>
/// The names a host subscribes to for the module's metrics and traces, e.g. with OpenTelemetry:
/// <c>.WithMetrics(m =&gt; m.AddMeter(XaiGrokTelemetry.MeterName))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(XaiGrokTelemetry.ActivitySourceName))</c>. No tag ever holds a token, a code or
/// a key; <c>enduser.id</c> is set on activities only when the host gave the module a user id.
/// </summary>
public static class XaiGrokTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of sign-ins, refreshes, calls and durations.</summary>
    public const string MeterName = "XaiGrok.Onboarding";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> of sign-in, refresh and chat activities.</summary>
    public const string ActivitySourceName = "XaiGrok.Onboarding";
}
