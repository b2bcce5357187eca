using System.Globalization;
using System.Text.Encodings.Web;

namespace XaiGrok.Emulator;

/// <summary>The page a person opens at verification_uri (RFC 8628 §3.3) to approve or deny a device.</summary>
internal sealed class VerificationPage(EmulatorControl control)
{
    // Heavy is chosen unless the person picks another: it unlocks every model, multi-agent included.
    private const int PreselectedTier = 5;

    public IResult Show(HttpContext context)
    {
        var userCode = context.Request.Query["user_code"].ToString();
        var options = string.Concat(TierNames.All.Select((name, tier) =>
            $"<option value=\"{tier}\"{(tier == PreselectedTier ? " selected" : "")}>{tier}: {Encode(name)}</option>"));
        var body = $"""
            <h1>Connect a device</h1>
            <form method="post" action="{EmulatorPaths.VerificationDecision}">
              <label>Code <input name="user_code" value="{Encode(userCode)}" autocomplete="off"></label>
              <label>Approve as the subscription (the token's tier claim) <select name="tier">{options}</select></label>
              <button name="decision" value="approve">Approve</button>
              <button name="decision" value="deny">Deny</button>
            </form>
            """;
        return Page(body, StatusCodes.Status200OK);
    }

    public async Task<IResult> DecideAsync(HttpContext context)
    {
        if (!OAuthForm.IsFormContentType(context.Request))
        {
            return Page("<p>Send the form on this page.</p>", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var userCode = form["user_code"].ToString();
        try
        {
            switch (form["decision"].ToString())
            {
                case "approve" when int.TryParse(form["tier"], NumberStyles.None, CultureInfo.InvariantCulture, out var tier):
                    control.Approve(userCode, tier);
                    return Page($"<p>Device {Encode(userCode)} approved. You can close this page.</p>", StatusCodes.Status200OK);
                case "deny":
                    control.Deny(userCode);
                    return Page($"<p>Device {Encode(userCode)} denied.</p>", StatusCodes.Status200OK);
                default:
                    return Page("<p>Choose Approve (with a tier) or Deny.</p>", StatusCodes.Status400BadRequest);
            }
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            return Page($"<p>{Encode(e.Message)}</p>", StatusCodes.Status400BadRequest);
        }
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static IResult Page(string body, int status) =>
        Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>xAI emulator</title></head><body>{body}</body></html>",
            "text/html; charset=utf-8",
            statusCode: status);
}
