namespace XaiGrok.Onboarding.Lanes;

/// <summary>A server-sent event (or a line of one) grew past the limit; the stream is not read further.</summary>
internal sealed class EventTooLargeException(int maxEventBytes) : IOException($"a stream event passed {maxEventBytes / 1024} KiB.")
{
    public int MaxEventBytes => maxEventBytes;
}
