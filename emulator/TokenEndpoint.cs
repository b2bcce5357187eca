namespace XaiGrok.Emulator;

/// <summary>The token endpoint of RFC 6749 §3.2, dispatching on grant_type.</summary>
internal sealed class TokenEndpoint(EmulatorState state)
{
    private readonly DeviceCodeGrant deviceCode = new(state);
    private readonly RefreshTokenGrant refreshToken = new(state);
    private readonly AuthorizationCodeGrant authorizationCode = new(state);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        OAuthResults.ForbidCaching(context.Response);
        var (form, error) = await OAuthForm.ReadAsync(context);
        if (form is null)
        {
            return error!;
        }

        if (form["grant_type"] is not { } grantType)
        {
            return OAuthResults.Error(OAuthErrors.InvalidRequest, "grant_type is required.");
        }

        if (form["client_id"] is not { } clientId)
        {
            return OAuthResults.Error(OAuthErrors.InvalidClient, "client_id is required for a public client.");
        }

        if (!state.IsAcceptedClient(clientId))
        {
            return OAuthResults.Error(OAuthErrors.InvalidClient, "Unknown client.");
        }

        return grantType switch
        {
            GrantTypes.DeviceCode => deviceCode.Redeem(form, clientId),
            GrantTypes.RefreshToken => refreshToken.Redeem(form, clientId),
            GrantTypes.AuthorizationCode => authorizationCode.Redeem(form, clientId),
            _ => OAuthResults.Error(OAuthErrors.UnsupportedGrantType, "This grant type is not supported."),
        };
    }
}
