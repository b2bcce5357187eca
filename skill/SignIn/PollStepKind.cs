namespace XaiGrok.Onboarding.SignIn;

/// <summary>How one poll of a device flow ended (RFC 8628 §3.4–3.5).</summary>
internal enum PollStepKind
{
    /// <summary>Asked before the interval passed: no request was sent.</summary>
    TooEarly,

    /// <summary><c>authorization_pending</c>: the person has not approved yet.</summary>
    Pending,

    /// <summary><c>slow_down</c>: the interval grew by 5 s.</summary>
    SlowDown,

    /// <summary>The request did not get through (the interval doubles, RFC 8628 §3.5); the flow is kept.</summary>
    Unreachable,

    /// <summary>The server could not answer now (5xx, 429); the flow is kept.</summary>
    ServerTrouble,

    Issued,

    Denied,

    Expired,

    /// <summary>Any other error: the flow stops.</summary>
    Stopped,
}
