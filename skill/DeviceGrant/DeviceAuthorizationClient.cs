using XaiGrok.Onboarding.Config;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;
using Fields = XaiGrok.Onboarding.Protocol.OAuthConstants.Fields;
using Parameters = XaiGrok.Onboarding.Protocol.OAuthConstants.Parameters;

namespace XaiGrok.Onboarding.DeviceGrant;

/// <summary>
/// The device authorization request (RFC 8628 §3.1) and a strict reading of its answer: the user code and the
/// verification URLs are checked before anyone is shown them (letters, digits and dashes; https on the issuer's site).
/// </summary>
internal sealed class DeviceAuthorizationClient(HttpSender http)
{
    /// <summary>RFC 8628 §3.2: a missing interval means 5 seconds.</summary>
    public const int DefaultIntervalSeconds = 5;

    private const int MaxIntervalSeconds = 300;
    private const int MaxLifetimeSeconds = 3600;

    public async Task<Outcome<DeviceAuthorization>> RequestAsync(Uri endpoint, Uri issuer, string clientId, string scopes, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] form = [new(Parameters.ClientId, clientId), new(Parameters.Scope, scopes)];

        // A lost answer only orphans a code nobody sees, so a repeat is harmless: retried like a GET.
        var sent = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) },
            RequestKind.Idempotent,
            cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return sent.Failure;
        }

        var read = Read(sent.Value, issuer);
        if (read.IsSuccess)
        {
            http.Secrets.Add(read.Value.DeviceCode);
        }

        return read;
    }

    internal static Outcome<DeviceAuthorization> Read(HttpReply reply, Uri issuer)
    {
        if (reply.IsServerError)
        {
            return new Failure(ErrorCodes.UpstreamUnavailable, $"the device authorization endpoint answered HTTP {reply.StatusCode}.", Hints.RetryLater);
        }

        if (reply.StatusCode == 429)
        {
            return RateLimitFailure.From(reply, "the device authorization endpoint is rate limiting requests.", wait => $"Wait {wait} s and run start again.");
        }

        using var json = reply.BodyTooLarge ? null : JsonObjectReader.TryParse(reply.Body);
        if (json is null)
        {
            return Invalid($"the device authorization endpoint answered HTTP {reply.StatusCode} without a JSON object.");
        }

        if (!reply.IsSuccess || json.Has(Fields.Error))
        {
            var error = json.String(Fields.Error) ?? $"http_{reply.StatusCode}";
            var hint = error == OAuthConstants.Errors.InvalidClient || error == OAuthConstants.Errors.UnauthorizedClient
                ? Hints.ConfigureClient
                : "The OAuth server refused to start a sign-in; check XAI_OAUTH_CLIENT_ID and XAI_OAUTH_SCOPES.";
            return new Failure(ErrorCodes.OAuthError, $"the device authorization request was refused ({Sanitize(error)}).", hint) { ServerError = Sanitize(error) };
        }

        if (json.String(Fields.DeviceCode) is not { } deviceCode || !TextChecks.IsSecretValue(deviceCode, 4096))
        {
            return Invalid("the device authorization answer has no usable device_code (printable, at least 4 characters).");
        }

        if (json.String(Fields.UserCode) is not { } userCode || !TextChecks.IsUserCode(userCode))
        {
            return Invalid("the device authorization answer's user_code is missing or has characters other than letters, digits and dashes.");
        }

        if (!TryVerificationUrl(json.String(Fields.VerificationUri), issuer, out var verificationUri))
        {
            return Invalid("the device authorization answer's verification_uri is missing, not https, or not on the issuer's site.");
        }

        Uri complete;
        if (json.Has(Fields.VerificationUriComplete))
        {
            if (!TryVerificationUrl(json.String(Fields.VerificationUriComplete), issuer, out complete))
            {
                return Invalid("the device authorization answer's verification_uri_complete is not https or not on the issuer's site.");
            }
        }
        else
        {
            var separator = string.IsNullOrEmpty(verificationUri.Query) ? "?" : "&";
            complete = new Uri(verificationUri.AbsoluteUri + separator + "user_code=" + Uri.EscapeDataString(userCode));
        }

        if (!json.TryInteger(Fields.ExpiresIn, out var expiresIn) || expiresIn <= 0)
        {
            return Invalid("the device authorization answer's expires_in is missing or not a positive number.");
        }

        // RFC 8628 §3.2: interval is optional; anything that is not a positive number means the 5 s default.
        var interval = json.TryInteger(Fields.Interval, out var seconds) && seconds > 0 ? (int)Math.Min(seconds, MaxIntervalSeconds) : DefaultIntervalSeconds;
        return new DeviceAuthorization(deviceCode, userCode, verificationUri, complete, (int)Math.Min(expiresIn, MaxLifetimeSeconds), interval);
    }

    private static bool TryVerificationUrl(string? text, Uri issuer, out Uri url)
    {
        url = null!;
        if (text is null || !PrintableText.IsPrintable(text, TextKind.Prose) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        url = parsed;
        return EndpointRules.IsOnIssuerSite(issuer, parsed) && string.IsNullOrEmpty(parsed.Fragment);
    }

    private static string Sanitize(string error) => PrintableText.Clean(error, 64, TextKind.Word);

    private static Failure Invalid(string detail) =>
        new(ErrorCodes.InvalidResponse, detail, "The OAuth server's answer cannot be shown safely; try start again later.");
}
