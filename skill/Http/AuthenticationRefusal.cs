using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Http;

/// <summary>
/// The answer to a request that was not sent for want of a usable credential: a 401 with an OpenAI-style error body,
/// so that any OpenAI-compatible client shows the reason and what to do.
/// </summary>
internal static class AuthenticationRefusal
{
    public static HttpResponseMessage For(Failure failure, HttpRequestMessage request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", (failure.Detail + " " + failure.Hint).TrimEnd());
            json.WriteString("code", failure.Code);
            json.WriteString("type", "authentication_error");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = content, RequestMessage = request };
    }
}
