using System.Net;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;
using Fields = XaiGrok.Onboarding.Protocol.OAuthConstants.Fields;

namespace XaiGrok.Onboarding.Tokens;

/// <summary>
/// Sends one form POST to a token endpoint and reads the answer strictly (RFC 6749 §5.1/§5.2): tokens, an OAuth
/// error, or a <see cref="Failure"/>. Values it sent (device code, refresh token) are cut out of anything the
/// server writes back, so an echoing server cannot leak them into a result.
/// </summary>
internal sealed class TokenEndpointClient(HttpSender http)
{
    public async Task<TokenAnswer> RequestAsync(Uri endpoint, IReadOnlyList<KeyValuePair<string, string>> form, RequestKind kind, CancellationToken cancellationToken)
    {
        var sent = await http.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) },
            kind,
            cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return TokenAnswer.Failed(sent.Failure, mayHaveBeenConsumed: true);
        }

        var answer = Read(sent.Value, form.Where(pair => !RequestRedaction.IsHarmlessFormField(pair.Key)).Select(pair => pair.Value).ToArray());
        if (answer.Tokens is { } tokens)
        {
            // Known before anything is stored or logged: an answer or a log line that repeats them is redacted.
            http.Secrets.Add(tokens.AccessToken);
            http.Secrets.Add(tokens.RefreshToken);
            http.Secrets.Add(tokens.IdToken);
        }

        return answer;
    }

    internal static TokenAnswer Read(HttpReply reply, IReadOnlyCollection<string> secretsSent)
    {
        if (reply.Status == HttpStatusCode.TooManyRequests)
        {
            return TokenAnswer.Failed(RateLimitFailure.From(reply, "the token endpoint is rate limiting requests.", wait => $"Wait {wait} s and try again."));
        }

        if (reply.IsServerError)
        {
            return TokenAnswer.Failed(new Failure(ErrorCodes.UpstreamUnavailable, $"the token endpoint answered HTTP {reply.StatusCode}.", Hints.RetryLater));
        }

        if (reply.BodyTooLarge)
        {
            return Invalid("the token endpoint's answer is larger than the size limit.");
        }

        using var json = JsonObjectReader.TryParse(reply.Body);
        if (json is null)
        {
            return Invalid($"the token endpoint answered HTTP {reply.StatusCode} without a JSON object.");
        }

        var error = json.String(Fields.Error);
        if (!reply.IsSuccess)
        {
            return error is not null && TextChecks.IsErrorCode(error) && !secretsSent.Any(secret => secret.Length > 0 && error.Contains(secret, StringComparison.Ordinal))
                ? TokenAnswer.Refused(error, Clean(json.String(Fields.ErrorDescription), secretsSent))
                : Invalid($"the token endpoint answered HTTP {reply.StatusCode} without an OAuth error code.");
        }

        if (json.Has(Fields.Error))
        {
            return Invalid("the token endpoint answered 200 with an error field.");
        }

        return ReadTokens(json);
    }

    private static TokenAnswer ReadTokens(JsonObjectReader json)
    {
        if (json.String(Fields.AccessToken) is not { } access || !TextChecks.IsSecretValue(access, 64 * 1024))
        {
            return Invalid("the token answer has no usable access_token (printable, at least 4 characters).");
        }

        if (!string.Equals(json.String(Fields.TokenType), OAuthConstants.BearerTokenType, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("the token answer's token_type is not Bearer.");
        }

        string? refresh = null;
        if (json.Has(Fields.RefreshToken))
        {
            refresh = json.String(Fields.RefreshToken);
            if (refresh is null || !TextChecks.IsSecretValue(refresh))
            {
                return Invalid("the token answer's refresh_token is not usable (printable, at least 4 characters).");
            }
        }

        long? expiresIn = null;
        if (json.Has(Fields.ExpiresIn))
        {
            if (!json.TryInteger(Fields.ExpiresIn, out var seconds) || seconds <= 0)
            {
                return Invalid("the token answer's expires_in is not a positive number of seconds.");
            }

            expiresIn = seconds;
        }

        var idToken = json.String(Fields.IdToken) is { } id && TextChecks.IsSecretValue(id, 64 * 1024) ? id : null;
        return TokenAnswer.Issued(new TokenResponse(access, refresh, idToken, expiresIn, json.String(Fields.Scope)));
    }

    private static string? Clean(string? description, IReadOnlyCollection<string> secretsSent) =>
        description is null ? null : PrintableText.Clean(description, 300, secrets: secretsSent) is { Length: > 0 } printable ? printable : null;

    private static TokenAnswer Invalid(string detail) =>
        TokenAnswer.Failed(new Failure(ErrorCodes.InvalidResponse, detail, "The OAuth server sent an answer this client cannot use; try again later."));
}
