using System.Net;

namespace XaiGrok.Onboarding.Http;

/// <summary>A whole HTTP answer, its body already read (and capped) inside the attempt that produced it.</summary>
internal sealed record HttpReply(HttpStatusCode Status, byte[] Body, string? MediaType, TimeSpan? RetryAfter)
{
    /// <summary>True when the body was larger than the cap and was cut off: never parse such a body.</summary>
    public bool BodyTooLarge { get; init; }

    /// <summary>For a streamed success: the open response, whose body the caller reads and then disposes.</summary>
    public HttpResponseMessage? OpenResponse { get; init; }

    /// <summary>Why no usable bearer went out (none could be had, or its refresh failed): the call's outcome, not the status.</summary>
    public Errors.Failure? CredentialFailure { get; init; }

    public int StatusCode => (int)Status;

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    public bool IsServerError => StatusCode >= 500;

    public bool IsRedirect => StatusCode is >= 300 and < 400;

    public override string ToString() => $"HTTP {StatusCode} ({Body.Length} bytes)";
}
