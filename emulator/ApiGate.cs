namespace XaiGrok.Emulator;

/// <summary>The bearer and subscription checks every /v1 endpoint makes first, with api.x.ai's answers.</summary>
internal sealed class ApiGate(EmulatorState state)
{
    private readonly BearerValidator validator = new(state);

    /// <summary>The refusal to send, or null when <paramref name="check"/> is a valid caller with a subscription.</summary>
    public IResult? Refuse(HttpContext context, out BearerCheck check)
    {
        check = validator.Check(context.Request);
        switch (check.Status)
        {
            case BearerStatus.Missing:
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthenticated", "Missing bearer token.");
            case BearerStatus.Invalid:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthenticated", "Invalid or revoked bearer token.");
            case BearerStatus.Expired when state.Options.ExpiredTokenAs403:
                return ApiResults.Error(StatusCodes.Status403Forbidden, "unauthenticated:bad-credentials", "The OAuth token has expired.");
            case BearerStatus.Expired:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\", error_description=\"The access token expired\"";
                return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthenticated", "The OAuth token has expired.");
        }

        return check.HasSubscription
            ? null
            : ApiResults.Error(StatusCodes.Status403Forbidden, "permission-denied", "The caller does not have permission: no active Grok subscription");
    }
}
