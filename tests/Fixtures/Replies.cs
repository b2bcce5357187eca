using System.Net;
using System.Text;
using XaiGrok.Onboarding.Http;

namespace XaiGrok.Onboarding.Tests.Fixtures;

/// <summary>Builds <see cref="HttpReply"/> values directly, as the sender would after reading a body.</summary>
internal static class Replies
{
    public static HttpReply Json(string json, HttpStatusCode status = HttpStatusCode.OK, TimeSpan? retryAfter = null) =>
        new(status, Encoding.UTF8.GetBytes(json), "application/json", retryAfter);

    public static HttpReply Json(string json, int status, TimeSpan? retryAfter = null) => Json(json, (HttpStatusCode)status, retryAfter);

    public static HttpReply Document(string name, HttpStatusCode status = HttpStatusCode.OK) => Json(Documents.Text(name), status);

    public static HttpReply Text(string text, int status, string mediaType = "text/html") =>
        new((HttpStatusCode)status, Encoding.UTF8.GetBytes(text), mediaType, null);

    /// <summary>A reply whose body was cut at the size cap (the bytes given are still valid JSON: they must not be read).</summary>
    public static HttpReply TooLarge(string json, int status = 200) => Json(json, status) with { BodyTooLarge = true };
}
