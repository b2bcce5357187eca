using System.Net;
using System.Text;

namespace XaiGrok.Onboarding.Oidc;

/// <summary>
/// The small HTML answer the browser shows after the redirect. Everything echoed is HTML-encoded, and the headers
/// forbid scripts, caching and referrers, because the page's URL carries the authorization code.
/// </summary>
internal static class CallbackPage
{
    public const string Success = "Sign-in complete. You can close this window and return to the terminal.";

    public static byte[] Render(int status, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>Grok sign-in</title></head><body><p>"
            + WebUtility.HtmlEncode(message)
            + "</p></body></html>");
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {Reason(status)}\r\n"
            + "Content-Type: text/html; charset=utf-8\r\n"
            + $"Content-Length: {body.Length}\r\n"
            + "Cache-Control: no-store\r\n"
            + "Referrer-Policy: no-referrer\r\n"
            + "Content-Security-Policy: default-src 'none'\r\n"
            + "X-Content-Type-Options: nosniff\r\n"
            + "Connection: close\r\n\r\n");
        return [.. head, .. body];
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
}
