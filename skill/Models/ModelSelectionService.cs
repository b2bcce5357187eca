using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Stores;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// <c>use-model</c>: checks the id (or the whole <c>/model ID</c> command) against the models offered to the account
/// (<see cref="ModelCatalog.Offer"/>) and stores it as the default for chat. What is not offered is refused.
/// </summary>
internal sealed class ModelSelectionService(ModelService models, BearerResolver bearers, IModelChoiceStore selection)
{
    public async Task<Outcome<ModelChoice>> UseAsync(string? id, CancellationToken cancellationToken)
    {
        if (ModelIds.Upstream(ModelCommand.IdIn(id ?? "")) is not { } upstream)
        {
            return new Failure(ErrorCodes.InvalidRequest, "the model id is empty or has characters a model id cannot have.", "Pass an id such as xai-grok/grok-4.3, or the command /model xai-grok/grok-4.3 (see models).");
        }

        var bearer = await bearers.ResolveAsync(upstreamModel: null, cancellationToken).ConfigureAwait(false);
        if (!bearer.IsSuccess)
        {
            return bearer.Failure;
        }

        var list = await models.GetAsync(bearer.Value, force: false, cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            return list.Failure;
        }

        var chat = list.Value.List.Chat;
        if (chat.FirstOrDefault(model => string.Equals(model.UpstreamId, upstream, StringComparison.OrdinalIgnoreCase)) is { } found)
        {
            selection.Select(found.UpstreamId);
            return new ModelChoice(found);
        }

        var isMedia = list.Value.List.Media.Any(model => string.Equals(model.UpstreamId, upstream, StringComparison.OrdinalIgnoreCase));
        return new Failure(
            ErrorCodes.ModelUnavailable,
            isMedia
                ? $"{ModelKinds.Prefix}{upstream} is an image or video model, not a chat model."
                : $"{ModelKinds.Prefix}{upstream} is not available to this subscription.",
            isMedia ? "Pick a chat model from available_models (see models)." : NotAvailableHint(bearer.Value))
        {
            AvailableModels = [.. chat.Select(model => model.Id)],
        };
    }

    // An upgrade is suggested only to someone who has a higher tier to go to.
    private static string NotAvailableHint(Bearer bearer)
    {
        const string Pick = "Pick one of available_models (see models)";
        if (bearer.IsApiKey)
        {
            return $"{Pick}; the models an API key reaches are set for its team at https://console.x.ai.";
        }

        return bearer.Session?.Tier switch
        {
            TierTable.HighestTier => $"{Pick}; {TierTable.SubscriptionFor(TierTable.HighestTier)} is already the highest tier, so no upgrade adds this model.",
            { } tier when TierTable.SubscriptionFor(tier) is var name && name != TierTable.Unknown =>
                $"{Pick}; a higher tier than {name} (e.g. {TierTable.SubscriptionFor(TierTable.HighestTier)}) unlocks more.",
            _ => $"{Pick}; a higher tier (e.g. {TierTable.SubscriptionFor(TierTable.HighestTier)}) may unlock more.",
        };
    }
}
