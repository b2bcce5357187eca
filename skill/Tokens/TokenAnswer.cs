using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Tokens;

/// <summary>How a token request ended: tokens, an OAuth error the server chose to send, or no usable answer.</summary>
internal sealed record TokenAnswer
{
    public TokenResponse? Tokens { get; private init; }

    /// <summary>The OAuth <c>error</c> code (RFC 6749 §5.2, RFC 8628 §3.5) when the server refused.</summary>
    public string? Error { get; private init; }

    public string? ErrorDescription { get; private init; }

    /// <summary>No usable answer (transport, 5xx, 429, malformed body).</summary>
    public Failure? Failure { get; private init; }

    /// <summary>
    /// True when the request may have reached the server and been acted on although no answer came back
    /// (a dropped connection, a timeout): a rotating refresh token may be spent, so it must not be resent blindly.
    /// </summary>
    public bool MayHaveBeenConsumed { get; private init; }

    public static TokenAnswer Issued(TokenResponse tokens) => new() { Tokens = tokens };

    public static TokenAnswer Refused(string error, string? description) => new() { Error = error, ErrorDescription = description };

    public static TokenAnswer Failed(Failure failure, bool mayHaveBeenConsumed = false) =>
        new() { Failure = failure, MayHaveBeenConsumed = mayHaveBeenConsumed };

    public override string ToString() => Tokens is not null ? "issued" : Error ?? Failure?.Code ?? "empty";
}
