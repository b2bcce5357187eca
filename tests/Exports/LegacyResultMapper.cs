using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Lanes;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Session;
using XaiGrok.Onboarding.SignIn;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding.Tests.Exports;

/// <summary>
/// The result mapper as it was before the typed results (commit 37c95e5), engine outcomes straight to dictionaries,
/// kept frozen so that the typed path is proven to give the same dictionaries, key for key and in order.
/// </summary>
internal static class LegacyResultMapper
{
    private const string RefreshThePage =
        "Connection successful. Please refresh your browser page — once it reloads, the new xai-grok/* models will appear in the model picker. ";

    /// <summary>
    /// What a fresh connection tells the person: which model chat uses now, and the switch that would change it; never a
    /// switch to the model already in use. <paramref name="selected"/> is the upstream id chosen with use-model, if any.
    /// </summary>
    public static string ConnectedMessage(string? selected) =>
        selected is null || ModelKinds.Prefix + selected == ModelKinds.DefaultModelId
            ? RefreshThePage + $"Chat uses {ModelKinds.DefaultModelId}, the default; to use another of the models, switch with /model {ModelKinds.Prefix}<id>."
            : RefreshThePage + $"Chat uses {ModelKinds.Prefix}{selected} (chosen with use-model); switch back to the default with /model {ModelKinds.DefaultModelId}.";

    public static SkillResult Fail(Failure failure) => new ResultFields()
        .Add("ok", false)
        .Add("error", failure.Code)
        .Add("detail", failure.Detail)
        .AddIfNotNull("hint", failure.Hint)
        .AddIfNotNull("retry_after_seconds", failure.RetryAfterSeconds)
        .AddIfNotNull("server_error", failure.ServerError)
        .AddIfNotNull("available_models", failure.AvailableModels)
        .AddIfNotNull("sign_in_url", failure.SignInUrl)
        .AddIfNotNull("provider_messages", failure.ProviderMessages is { Count: > 0 } messages ? messages : null)
        .ToResult();

    /// <summary>
    /// <paramref name="result"/> with <c>provider_messages</c> (and <c>skipped</c>, when given and absent) added after
    /// its fields; the same result when it has them already or there is nothing to add.
    /// </summary>
    public static SkillResult WithProviderMessages(SkillResult result, IReadOnlyList<string> messages, string? skipped = null)
    {
        if (messages.Count == 0 && skipped is null)
        {
            return result;
        }

        var fields = new ResultFields();
        fields.AddRange(result);
        if (skipped is not null && !result.ContainsKey("skipped"))
        {
            fields.Add("skipped", new[] { skipped });
        }

        if (messages.Count > 0 && !result.ContainsKey("provider_messages"))
        {
            fields.Add("provider_messages", messages.ToArray());
        }

        return fields.ToResult();
    }

    public static SkillResult Started(PendingFlow flow, TimeProvider clock) => AddFlow(new ResultFields().Add("ok", true).Add("status", "pending"), flow, clock)
        .Add("verification_url", flow.VerificationUri)
        .Add("interval_seconds", flow.IntervalSeconds)
        .Add("expires_at", flow.ExpiresAt)
        .Add("message", "Ask the person to open verification_url_with_code, sign in to xAI if asked, and click Approve. " +
            "The code is already in the link. Call poll only after they say they are done.")
        .ToResult();

    public static SkillResult Polled(PollResult result, string? selected, TimeProvider clock)
    {
        if (!result.Connected)
        {
            return AddFlow(new ResultFields().Add("ok", true).Add("status", "pending"), result.Flow!, clock)
                .Add("retry_after_seconds", result.RetryAfterSeconds)
                .AddIfNotNull("notice", result.Notice)
                .Add("message", "Not approved yet. Ask the person to finish approving at verification_url_with_code, then poll again.")
                .ToResult();
        }

        var fields = AddConnected(new ResultFields().Add("ok", true), result.Credential!);
        AddModels(fields, result.Models?.List);
        if (result.ModelsProblem is { } problem)
        {
            fields.Add("models_error", problem.Code).Add("models_detail", problem.Detail);
        }

        return fields.Add("message", ConnectedMessage(selected)).ToResult();
    }

    public static SkillResult Status(StatusReport report, TimeProvider clock, string? configFile = null, SkillResult? settings = null)
    {
        var credential = report.Usable ?? report.Stored;
        var connected = report.Usable is not null || report.ApiKeyActive;
        var fields = new ResultFields()
            .Add("ok", true)
            .Add("connected", connected)
            .Add("source", report.ApiKeyActive ? CredentialSources.ApiKey : credential?.Source ?? CredentialSources.None)
            .Add("sign_in_method", report.SignInMethod)

            // The session token's own method; null while none is active (no session, or the API key serves the calls).
            .Add("active_sign_in_method", report.Usable?.Source);
        if (report.ApiKeyActive)
        {
            fields.Add("tier", null).Add("subscription", TierTable.Unknown);
        }
        else if (credential is not null)
        {
            fields.Add("tier", credential.Tier)
                .Add("subscription", TierTable.SubscriptionFor(credential.Tier))
                .Add("expires_at", credential.ExpiresAt)
                .Add("expires_in_seconds", SecondsUntil(credential.ExpiresAt, clock))

                // Added with the platform (issue 15): the linked account's claims.
                .AddIfNotNull("subject", credential.Subject)
                .AddIfNotNull("email", credential.Email);
        }

        if (connected)
        {
            fields.Add("default_model_id", ModelKinds.DefaultModelId);
            fields.Add("selected_model", report.SelectedModel is { } selected ? ModelKinds.Prefix + selected : ModelKinds.DefaultModelId);
            if (report.Models is { } models)
            {
                AddModels(fields, models);
                fields.Add("models_fetched_at", models.FetchedAt);
            }
        }

        if (report.Skipped.Count > 0)
        {
            fields.Add("skipped", report.Skipped.ToArray());
        }

        fields.AddIfNotNull("sign_in_url", report.SignInUrl);
        fields.AddIfNotNull("config_file", configFile).AddIfNotNull("settings", settings);
        if (report.Pending.Count > 0)
        {
            fields.Add("pending", report.Pending.Select(flow => (object?)AddFlow(new ResultFields(), flow, clock).ToResult()).ToArray());
        }

        if (report.Problem is { } problem)
        {
            fields.Add("problem", problem.Code).Add("detail", problem.Detail).AddIfNotNull("hint", problem.Hint);
        }
        else if (!connected && report.Pending.Count == 0)
        {
            fields.Add("hint", Hints.Connect);
        }

        return fields.ToResult();
    }

    public static SkillResult LoggedIn(Credential credential, string? selected) =>
        AddConnected(new ResultFields().Add("ok", true), credential).Add("message", ConnectedMessage(selected)).ToResult();

    public static SkillResult Refreshed(Credential credential) => new ResultFields()
        .Add("ok", true)
        .Add("status", "refreshed")
        .Add("source", credential.Source)
        .Add("tier", credential.Tier)
        .Add("subscription", TierTable.SubscriptionFor(credential.Tier))
        .Add("expires_at", credential.ExpiresAt)
        .ToResult();

    public static SkillResult Models(ModelsView view, Credential? credential)
    {
        var fields = new ResultFields().Add("ok", true);
        AddModels(fields, view.List);
        return fields
            .Add("default_model_id", ModelKinds.DefaultModelId)
            .Add("cached", view.Cached)
            .Add("fetched_at", view.List.FetchedAt)
            .AddIfNotNull("source", credential?.Source)
            .ToResult();
    }

    public static SkillResult LoggedOut(LogoutReport report) => new ResultFields()
        .Add("ok", true)
        .Add("status", "logged_out")
        .Add("removed_credential", report.RemovedCredential)
        .Add("removed_pending_flows", report.RemovedPendingFlows)
        .Add("revocation", report.Revocation)
        .AddIfNotNull("detail", report.RevocationDetail)
        .ToResult();

    public static SkillResult Chatted(ChatAnswer answer, bool failedOver) => AddAnswer(new ResultFields().Add("ok", true), answer, failedOver).ToResult();

    /// <summary>A failed chat; a streamed one keeps the text that did arrive.</summary>
    public static SkillResult ChatFailed(Failure failure, ChatAnswer? partial)
    {
        var failed = Fail(failure);
        if (partial is null)
        {
            return failed;
        }

        var fields = new ResultFields();
        fields.AddRange(failed);
        return fields.Add("model", partial.Model).Add("lane", LaneRouter.Name(partial.Lane)).Add("content", partial.Content).ToResult();
    }

    public static SkillResult ModelChosen(ModelChoice choice) => new ResultFields()
        .Add("ok", true)
        .Add("model", choice.Model.Id)
        .Add("lane", choice.Model.Lane)
        .Add("listed", choice.Model.Listed)
        .Add("message", $"Chat now uses {choice.Model.Id} by default.")
        .ToResult();

    /// <summary>Generated images: the paths of the files written, never the image bytes.</summary>
    public static SkillResult ImagesGenerated(GeneratedImages images) => new ResultFields()
        .Add("ok", true)
        .Add("model", ModelKinds.Prefix + images.Model)
        .Add("files", images.Files.ToArray())
        .ToResult();

    /// <summary>A video request after start or poll: pending with the wait before the next poll, or done with its file.</summary>
    public static SkillResult Video(VideoPoll poll)
    {
        var fields = new ResultFields()
            .Add("ok", true)
            .Add("status", poll.Done ? VideoRequest.Done : VideoRequest.Pending)
            .Add("request_id", poll.Request.RequestId)
            .Add("model", ModelKinds.Prefix + poll.Request.Model);
        return poll.Done
            ? fields.Add("file", poll.Request.File).AddIfNotNull("bytes", poll.Bytes).ToResult()
            : fields.Add("retry_after_seconds", poll.RetryAfterSeconds)
                .Add("message", $"The video is being made. Run video poll in {poll.RetryAfterSeconds} s or later; it downloads the file when it is done.")
                .ToResult();
    }

    private static ResultFields AddAnswer(ResultFields fields, ChatAnswer answer, bool failedOver)
    {
        fields.Add("model", answer.Model)
            .Add("lane", LaneRouter.Name(answer.Lane))
            .Add("content", answer.Content)
            .Add("finish_reason", answer.FinishReason);
        if (answer.Usage is { } usage)
        {
            fields.Add("usage", new ResultFields()
                .Add("input_tokens", usage.InputTokens)
                .Add("output_tokens", usage.OutputTokens)
                .Add("reasoning_tokens", usage.ReasoningTokens)
                .ToResult());
        }

        return failedOver ? fields.Add("failed_over", true) : fields;
    }

    /// <summary>What a person and an agent need to find a waiting sign-in again.</summary>
    private static ResultFields AddFlow(ResultFields fields, PendingFlow flow, TimeProvider clock) => fields
        .Add("pending_id", flow.PendingId)
        .Add("user_code", flow.UserCode)
        .Add("verification_url_with_code", flow.VerificationUriComplete)
        .Add("expires_in_seconds", SecondsUntil(flow.ExpiresAt, clock));

    /// <summary>The fields of a fresh connection, whichever sign-in made it.</summary>
    private static ResultFields AddConnected(ResultFields fields, Credential credential) => fields
        .Add("status", "connected")
        .Add("source", credential.Source)
        .Add("tier", credential.Tier)
        .Add("subscription", TierTable.SubscriptionFor(credential.Tier))
        .Add("default_model_id", ModelKinds.DefaultModelId)
        .Add("expires_at", credential.ExpiresAt);

    private static void AddModels(ResultFields fields, ModelList? list)
    {
        if (list is null)
        {
            return;
        }

        fields.Add("models", list.Chat.Select(Describe).ToArray());
        fields.Add("media_models", list.Media.Select(Describe).ToArray());
    }

    private static object? Describe(ModelEntry model) => new ResultFields()
        .Add("id", model.Id)
        .Add("upstream_id", model.UpstreamId)
        .Add("lane", model.Lane)
        .Add("kind", model.Kind)
        .Add("listed", model.Listed)
        .ToResult();

    private static long SecondsUntil(DateTimeOffset moment, TimeProvider clock) =>
        (long)Math.Max(0, Math.Floor((moment - clock.GetUtcNow()).TotalSeconds));
}
