using System.Text.Json;
using XaiGrok.Onboarding.Storage;
using static XaiGrok.Onboarding.Storage.StateFileReader;

namespace XaiGrok.Onboarding.Credentials;

/// <summary><c>auth.json</c>'s fields by their names in the file (see <see cref="StateFileReader"/> for why not the serializer).</summary>
internal static class CredentialFileReader
{
    public static CredentialFile? Parse(ReadOnlyMemory<byte> json) => Read<CredentialFile>(json, Assign);

    private static void Assign(CredentialFile file, string name, JsonElement value)
    {
        switch (name)
        {
            case "version": file.Version = Int32(value); break;
            case "source": file.Source = Text(value); break;
            case "access_token": file.AccessToken = Text(value); break;
            case "refresh_token": file.RefreshToken = Text(value); break;
            case "id_token": file.IdToken = Text(value); break;
            case "expires_at": file.ExpiresAt = Int64(value); break;
            case "obtained_at": file.ObtainedAt = Int64(value); break;
            case "tier": file.Tier = NullableInt64(value); break;
            case "subject": file.Subject = Text(value); break;
            case "email": file.Email = Text(value); break;
            case "issuer": file.Issuer = Text(value); break;
            case "client_id": file.ClientId = Text(value); break;
            case "token_endpoint": file.TokenEndpoint = Text(value); break;
            case "revocation_endpoint": file.RevocationEndpoint = Text(value); break;
            case "reauth_reason": file.ReauthReason = Text(value); break;
        }
    }
}
