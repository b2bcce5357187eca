namespace XaiGrok.Onboarding;

/// <summary>
/// Every key a result dictionary can hold (top level and nested, <c>settings</c>' names of settings aside), in one
/// place: <see cref="ResultMapper"/> writes only these, and a docs test holds README's and SKILL.md's field tables to
/// exactly this list.
/// </summary>
internal static class ResultKeys
{
    // Every call.
    public const string Ok = "ok";
    public const string Message = "message";
    public const string Status = "status";

    // A failure.
    public const string Error = "error";
    public const string Detail = "detail";
    public const string Hint = "hint";
    public const string RetryAfterSeconds = "retry_after_seconds";
    public const string ServerError = "server_error";
    public const string AvailableModels = "available_models";
    public const string SignInUrl = "sign_in_url";
    public const string ProviderMessages = "provider_messages";
    public const string Skipped = "skipped";

    // A device sign-in.
    public const string PendingId = "pending_id";
    public const string UserCode = "user_code";
    public const string VerificationUrl = "verification_url";
    public const string VerificationUrlWithCode = "verification_url_with_code";
    public const string ExpiresInSeconds = "expires_in_seconds";
    public const string IntervalSeconds = "interval_seconds";
    public const string ExpiresAt = "expires_at";
    public const string Notice = "notice";
    public const string Pending = "pending";

    // The session.
    public const string Connected = "connected";
    public const string Source = "source";
    public const string SignInMethod = "sign_in_method";
    public const string ActiveSignInMethod = "active_sign_in_method";
    public const string Tier = "tier";
    public const string Subscription = "subscription";
    public const string Problem = "problem";
    public const string ConfigFile = "config_file";
    public const string Settings = "settings";
    public const string Subject = "subject";
    public const string Email = "email";

    // A platform's users (GrokPlatform.ListUsersAsync).
    public const string Users = "users";
    public const string UserId = "user_id";
    public const string NeedsReauth = "needs_reauth";

    // A setting in status's settings.
    public const string Variable = "variable";
    public const string Line = "line";
    public const string Key = "key";
    public const string Note = "note";

    // Models.
    public const string DefaultModelId = "default_model_id";
    public const string SelectedModel = "selected_model";
    public const string Models = "models";
    public const string MediaModels = "media_models";
    public const string ModelsFetchedAt = "models_fetched_at";
    public const string ModelsError = "models_error";
    public const string ModelsDetail = "models_detail";
    public const string Cached = "cached";
    public const string FetchedAt = "fetched_at";
    public const string Id = "id";
    public const string UpstreamId = "upstream_id";
    public const string Lane = "lane";
    public const string Kind = "kind";
    public const string Listed = "listed";

    // Chat.
    public const string Model = "model";
    public const string Content = "content";
    public const string FinishReason = "finish_reason";
    public const string Usage = "usage";
    public const string InputTokens = "input_tokens";
    public const string OutputTokens = "output_tokens";
    public const string ReasoningTokens = "reasoning_tokens";
    public const string FailedOver = "failed_over";

    // Logout.
    public const string RemovedCredential = "removed_credential";
    public const string RemovedPendingFlows = "removed_pending_flows";
    public const string Revocation = "revocation";

    // Media.
    public const string Files = "files";
    public const string RequestId = "request_id";
    public const string File = "file";
    public const string Bytes = "bytes";
}
