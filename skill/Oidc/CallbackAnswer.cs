using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>What the listener answers one request with, and the sign-in's end when that request decides it.</summary>
internal sealed record CallbackAnswer(int Status, string Message, Outcome<string>? Final = null)
{
    public override string ToString() => $"{Status} {(Final is null ? "keep waiting" : "finished")}";
}
