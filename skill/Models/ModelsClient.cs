using System.Text.Json;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Http;
using XaiGrok.Onboarding.Protocol;

namespace XaiGrok.Onboarding.Models;

/// <summary><c>GET {api}/models</c> with a bearer token, read strictly: <c>{object: "list", data: [{id, ...}]}</c>.</summary>
internal sealed class ModelsClient(HttpSender http)
{
    private const int MaxModels = 2000;

    public async Task<ModelsFetch> FetchAsync(Uri apiBase, CallBearer bearer, CancellationToken cancellationToken)
    {
        var url = new Uri(apiBase.AbsoluteUri.TrimEnd('/') + "/models");
        var sent = await http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url).Authenticated(bearer), RequestKind.Idempotent, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
        {
            return new ModelsFetch(null, sent.Failure);
        }

        var reply = sent.Value;
        if (!reply.IsSuccess)
        {
            return new ModelsFetch(null, ApiFailures.From(reply, "the model list", bearer.Current.Token, bearer.Current.IsApiKey));
        }

        return Read(reply);
    }

    internal static ModelsFetch Read(HttpReply reply)
    {
        using var json = reply.BodyTooLarge ? null : JsonObjectReader.TryParse(reply.Body);
        if (json is null || !json.TryArray("data", out var data))
        {
            return Invalid("the model list is not a JSON object with a data array.");
        }

        var ids = new List<string>();
        foreach (var item in data.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || id.GetString() is not { Length: > 0 and <= 128 } text || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or ':' or '/'))
            {
                continue;
            }

            ids.Add(text);
            if (ids.Count == MaxModels)
            {
                break;
            }
        }

        return new ModelsFetch(ids, null);
    }

    private static ModelsFetch Invalid(string detail) =>
        new(null, new Failure(ErrorCodes.InvalidResponse, detail, "Try again with --force later; the API answered something unexpected."));
}
