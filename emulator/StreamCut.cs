namespace XaiGrok.Emulator;

/// <summary>Set on a request by <see cref="FaultInjection"/>: a streaming answer aborts after this many events.</summary>
internal sealed record StreamCut(int AfterEvents);
