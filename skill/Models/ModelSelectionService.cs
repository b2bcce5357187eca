using XaiGrok.Onboarding.Errors;

namespace XaiGrok.Onboarding.Models;

/// <summary>
/// <c>use-model</c>: checks the id against the account's model list (which includes the known multi-agent models
/// that are callable without being listed) and stores it as the default for chat.
/// </summary>
internal sealed class ModelSelectionService(ModelService models, ModelSelection selection)
{
    public async Task<Outcome<ModelChoice>> UseAsync(string id, CancellationToken cancellationToken)
    {
        if (ModelIds.Upstream(id) is not { } upstream)
        {
            return new Failure(ErrorCodes.InvalidRequest, "the model id is empty or has characters a model id cannot have.", "Pass an id such as xai-grok/grok-4.3 (see models).");
        }

        var list = await models.GetAsync(force: false, cancellationToken).ConfigureAwait(false);
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
            "Pick one of available_models (see models); a higher tier (e.g. SuperGrok Heavy) unlocks more.")
        {
            AvailableModels = [.. chat.Select(model => model.Id)],
        };
    }
}
