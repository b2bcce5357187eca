using XaiGrok.Onboarding.Tiers;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;
using K = XaiGrok.Onboarding.ResultKeys;

namespace XaiGrok.Onboarding;

/// <summary>
/// The one place where typed results become the agent-facing result dictionaries (for <see cref="Exports"/> and the
/// CLI): keys from <see cref="ResultKeys"/>, in the order agents and the docs have always seen them.
/// </summary>
internal static class ResultMapper
{
    private const string RefreshThePage =
        "Connection successful. Please refresh your browser page — once it reloads, the new xai-grok/* models will appear in the model picker. ";

    /// <summary>A typed call's result: its record's dictionary, or the failure's.</summary>
    public static SkillResult From<T>(GrokResult<T> result, Func<T, SkillResult> map)
        where T : class =>
        result.IsSuccess ? map(result.Value) : Fail(result.Failure);

    /// <summary>
    /// What a fresh connection tells the person: which model chat uses now, and the switch that would change it; never a
    /// switch to the model already in use.
    /// </summary>
    public static string ConnectedMessage(string chatModel) =>
        chatModel == ModelKinds.DefaultModelId
            ? RefreshThePage + $"Chat uses {chatModel}, the default; to use another of the models, switch with /model {ModelKinds.Prefix}<id>."
            : RefreshThePage + $"Chat uses {chatModel} (chosen with use-model); switch back to the default with /model {ModelKinds.DefaultModelId}.";

    public static SkillResult Fail(Failure failure) => Fail(GrokFailure.From(failure));

    public static SkillResult Fail(GrokFailure failure) => new ResultFields()
        .Add(K.Ok, false)
        .Add(K.Error, failure.Code)
        .Add(K.Detail, failure.Detail)
        .AddIfNotNull(K.Hint, failure.Hint)
        .AddIfNotNull(K.RetryAfterSeconds, failure.RetryAfterSeconds)
        .AddIfNotNull(K.ServerError, failure.ServerError)
        .AddIfNotNull(K.AvailableModels, failure.AvailableModels)
        .AddIfNotNull(K.SignInUrl, failure.SignInUrl)
        .AddIfNotNull(K.ProviderMessages, failure.ProviderMessages is { Count: > 0 } messages ? messages : null)
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
        if (skipped is not null && !result.ContainsKey(K.Skipped))
        {
            fields.Add(K.Skipped, new[] { skipped });
        }

        if (messages.Count > 0 && !result.ContainsKey(K.ProviderMessages))
        {
            fields.Add(K.ProviderMessages, messages.ToArray());
        }

        return fields.ToResult();
    }

    public static SkillResult Started(GrokSignInStarted started) => new ResultFields()
        .Add(K.Ok, true)
        .Add(K.Status, "pending")
        .Add(K.PendingId, started.PendingId)
        .Add(K.UserCode, started.UserCode)
        .Add(K.VerificationUrlWithCode, started.VerificationUrlWithCode)
        .Add(K.ExpiresInSeconds, started.ExpiresInSeconds)
        .Add(K.VerificationUrl, started.VerificationUrl)
        .Add(K.IntervalSeconds, started.IntervalSeconds)
        .Add(K.ExpiresAt, started.ExpiresAt)
        .Add(K.Message, "Ask the person to open verification_url_with_code, sign in to xAI if asked, and click Approve. " +
            "The code is already in the link. Call poll only after they say they are done.")
        .ToResult();

    public static SkillResult Polled(GrokSignInProgress progress)
    {
        if (progress.Connection is not { } connection)
        {
            return AddPending(new ResultFields().Add(K.Ok, true).Add(K.Status, "pending"), progress.Pending!)
                .Add(K.RetryAfterSeconds, progress.RetryAfterSeconds)
                .AddIfNotNull(K.Notice, progress.Notice)
                .Add(K.Message, "Not approved yet. Ask the person to finish approving at verification_url_with_code, then poll again.")
                .ToResult();
        }

        var fields = AddConnected(new ResultFields().Add(K.Ok, true), connection);
        AddModels(fields, connection.Models);
        if (connection.ModelsFailure is { } problem)
        {
            fields.Add(K.ModelsError, problem.Code).Add(K.ModelsDetail, problem.Detail);
        }

        return fields.Add(K.Message, ConnectedMessage(connection.ChatModel)).ToResult();
    }

    /// <summary>The users of a platform with a stored session, and the xAI account each is linked to.</summary>
    public static SkillResult Users(IReadOnlyList<Platform.LinkedUser> users, TimeProvider clock) => new ResultFields()
        .Add(K.Ok, true)
        .Add(K.Users, users.Select(user => (object?)new ResultFields()
            .Add(K.UserId, user.UserId)
            .Add(K.Source, user.Source)
            .Add(K.Subject, user.Subject)
            .Add(K.Email, user.Email)
            .Add(K.Tier, user.Tier)
            .Add(K.Subscription, TierTable.SubscriptionFor(user.Tier))
            .Add(K.ExpiresAt, user.ExpiresAt)
            .Add(K.ExpiresInSeconds, Seconds.Until(user.ExpiresAt, clock))
            .Add(K.NeedsReauth, user.NeedsReauth)
            .ToResult()).ToArray())
        .ToResult();

    public static SkillResult Connected(GrokConnection connection) =>
        AddConnected(new ResultFields().Add(K.Ok, true), connection).Add(K.Message, ConnectedMessage(connection.ChatModel)).ToResult();

    public static SkillResult Status(GrokStatus status)
    {
        var fields = new ResultFields()
            .Add(K.Ok, true)
            .Add(K.Connected, status.Connected)
            .Add(K.Source, status.Source)
            .Add(K.SignInMethod, status.SignInMethod)

            // The session token's own method; null while none is active (no session, or the API key serves the calls).
            .Add(K.ActiveSignInMethod, status.ActiveSignInMethod);
        if (status.Subscription is not null)
        {
            fields.Add(K.Tier, status.Tier).Add(K.Subscription, status.Subscription);
        }

        if (status.ExpiresAt is { } expiresAt)
        {
            fields.Add(K.ExpiresAt, expiresAt).Add(K.ExpiresInSeconds, status.ExpiresInSeconds)

                // The linked account (claims, not secrets): a platform sees two of its users linked to one xAI account.
                .AddIfNotNull(K.Subject, status.Subject)
                .AddIfNotNull(K.Email, status.Email);
        }

        if (status.Connected)
        {
            fields.Add(K.DefaultModelId, status.DefaultModelId).Add(K.SelectedModel, status.SelectedModel);
            if (status.Models is { } models)
            {
                AddModels(fields, models);
                fields.Add(K.ModelsFetchedAt, models.FetchedAt);
            }
        }

        if (status.Skipped.Count > 0)
        {
            fields.Add(K.Skipped, status.Skipped.ToArray());
        }

        fields.AddIfNotNull(K.SignInUrl, status.SignInUrl);
        fields.AddIfNotNull(K.ConfigFile, status.ConfigFile).AddIfNotNull(K.Settings, status.Settings is { } settings ? Settings(settings) : null);
        if (status.Pending.Count > 0)
        {
            fields.Add(K.Pending, status.Pending.Select(flow => (object?)AddPending(new ResultFields(), flow).ToResult()).ToArray());
        }

        if (status.Problem is { } problem)
        {
            fields.Add(K.Problem, problem.Code).Add(K.Detail, problem.Detail).AddIfNotNull(K.Hint, problem.Hint);
        }
        else
        {
            fields.AddIfNotNull(K.Hint, status.Hint);
        }

        return fields.ToResult();
    }

    public static SkillResult Refreshed(GrokRefreshed refreshed) => new ResultFields()
        .Add(K.Ok, true)
        .Add(K.Status, "refreshed")
        .Add(K.Source, refreshed.Source)
        .Add(K.Tier, refreshed.Tier)
        .Add(K.Subscription, refreshed.Subscription)
        .Add(K.ExpiresAt, refreshed.ExpiresAt)
        .ToResult();

    public static SkillResult Models(GrokModels models)
    {
        var fields = new ResultFields().Add(K.Ok, true);
        AddModels(fields, models.List);
        return fields
            .Add(K.DefaultModelId, models.DefaultModelId)
            .Add(K.Cached, models.Cached)
            .Add(K.FetchedAt, models.List.FetchedAt)
            .AddIfNotNull(K.Source, models.Source)
            .ToResult();
    }

    public static SkillResult LoggedOut(GrokLogout logout) => new ResultFields()
        .Add(K.Ok, true)
        .Add(K.Status, "logged_out")
        .Add(K.RemovedCredential, logout.RemovedCredential)
        .Add(K.RemovedPendingFlows, logout.RemovedPendingFlows)
        .Add(K.Revocation, logout.Revocation)
        .AddIfNotNull(K.Detail, logout.RevocationDetail)
        .ToResult();

    public static SkillResult Chatted(GrokChatAnswer answer)
    {
        var fields = new ResultFields()
            .Add(K.Ok, true)
            .Add(K.Model, answer.Model)
            .Add(K.Lane, answer.Lane)
            .Add(K.Content, answer.Content)
            .Add(K.FinishReason, answer.FinishReason);
        if (answer.Usage is { } usage)
        {
            fields.Add(K.Usage, new ResultFields()
                .Add(K.InputTokens, usage.InputTokens)
                .Add(K.OutputTokens, usage.OutputTokens)
                .Add(K.ReasoningTokens, usage.ReasoningTokens)
                .ToResult());
        }

        return (answer.FailedOver ? fields.Add(K.FailedOver, true) : fields).ToResult();
    }

    /// <summary>A failed chat; a streamed one keeps the text that did arrive.</summary>
    public static SkillResult ChatFailed(GrokFailure failure, GrokChatAnswer? partial)
    {
        var failed = Fail(failure);
        if (partial is null)
        {
            return failed;
        }

        var fields = new ResultFields();
        fields.AddRange(failed);
        return fields.Add(K.Model, partial.Model).Add(K.Lane, partial.Lane).Add(K.Content, partial.Content).ToResult();
    }

    public static SkillResult ModelChosen(GrokModelChoice choice) => new ResultFields()
        .Add(K.Ok, true)
        .Add(K.Model, choice.Model.Id)
        .Add(K.Lane, choice.Model.Lane)
        .Add(K.Listed, choice.Model.Listed)
        .Add(K.Message, $"Chat now uses {choice.Model.Id} by default.")
        .ToResult();

    /// <summary>Generated images: the paths of the files written, never the image bytes.</summary>
    public static SkillResult ImagesGenerated(GrokImages images) => new ResultFields()
        .Add(K.Ok, true)
        .Add(K.Model, images.Model)
        .Add(K.Files, images.Files.ToArray())
        .ToResult();

    /// <summary>A video request after start or poll: pending with the wait before the next poll, or done with its file.</summary>
    public static SkillResult Video(GrokVideo video)
    {
        var fields = new ResultFields()
            .Add(K.Ok, true)
            .Add(K.Status, video.IsDone ? VideoRequest.Done : VideoRequest.Pending)
            .Add(K.RequestId, video.RequestId)
            .Add(K.Model, video.Model);
        return video.IsDone
            ? fields.Add(K.File, video.File).AddIfNotNull(K.Bytes, video.Bytes).ToResult()
            : fields.Add(K.RetryAfterSeconds, video.RetryAfterSeconds)
                .Add(K.Message, $"The video is being made. Run video poll in {video.RetryAfterSeconds} s or later; it downloads the file when it is done.")
                .ToResult();
    }

    /// <summary><c>status</c>'s <c>settings</c>: each setting's source, and its variable or line; names and lines only, never a value.</summary>
    private static SkillResult Settings(IReadOnlyList<GrokSetting> settings)
    {
        var fields = new ResultFields();
        foreach (var setting in settings)
        {
            var entry = new ResultFields().Add(K.Source, setting.Source);
            if (setting.Source == Config.SettingSource.Variable)
            {
                entry.Add(K.Variable, setting.Variable);
            }
            else if (setting.Source == Config.SettingSource.File)
            {
                entry.Add(K.Line, setting.Line);
            }

            fields.Add(setting.Name, entry.AddIfNotNull(K.Key, setting.Field).AddIfNotNull(K.Note, setting.Note).ToResult());
        }

        return fields.ToResult();
    }

    /// <summary>What a person and an agent need to find a waiting sign-in again.</summary>
    private static ResultFields AddPending(ResultFields fields, GrokPendingSignIn pending) => fields
        .Add(K.PendingId, pending.PendingId)
        .Add(K.UserCode, pending.UserCode)
        .Add(K.VerificationUrlWithCode, pending.VerificationUrlWithCode)
        .Add(K.ExpiresInSeconds, pending.ExpiresInSeconds);

    /// <summary>The fields of a fresh connection, whichever sign-in made it.</summary>
    private static ResultFields AddConnected(ResultFields fields, GrokConnection connection) => fields
        .Add(K.Status, "connected")
        .Add(K.Source, connection.Source)
        .Add(K.Tier, connection.Tier)
        .Add(K.Subscription, connection.Subscription)
        .Add(K.DefaultModelId, connection.DefaultModelId)
        .Add(K.ExpiresAt, connection.ExpiresAt);

    private static void AddModels(ResultFields fields, GrokModelList? list)
    {
        if (list is null)
        {
            return;
        }

        fields.Add(K.Models, list.Chat.Select(Describe).ToArray());
        fields.Add(K.MediaModels, list.Media.Select(Describe).ToArray());
    }

    private static object? Describe(GrokModel model) => new ResultFields()
        .Add(K.Id, model.Id)
        .Add(K.UpstreamId, model.UpstreamId)
        .Add(K.Lane, model.Lane)
        .Add(K.Kind, model.Kind)
        .Add(K.Listed, model.Listed)
        .ToResult();
}
