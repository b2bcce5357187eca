using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Media;

/// <summary>
/// Which model a media call uses: the one named (it must make that kind: the server decides whether the account may
/// use it), else the first of that kind the account's model list offers, else the documented default when the list
/// cannot be read.
/// </summary>
internal static class MediaModels
{
    public const string DefaultImage = "grok-imagine-image";
    public const string DefaultVideo = "grok-imagine-video";

    public static async Task<Outcome<string>> ChooseAsync(string? named, string kind, ModelService models, CancellationToken cancellationToken)
    {
        if (named is not null)
        {
            if (ModelIds.Upstream(named) is not { } upstream)
            {
                return new Failure(ErrorCodes.InvalidRequest, "the model id is empty or malformed.", $"Pass an id such as {ModelKinds.Prefix}{Default(kind)}, or leave --model out.");
            }

            return ModelKinds.KindOf(upstream) == kind
                ? upstream
                : new Failure(ErrorCodes.ModelUnavailable, $"{ModelKinds.Prefix}{upstream} does not make {kind}s.", $"Pick a {kind} model from media_models in models, or leave --model out.");
        }

        var list = await models.GetAsync(force: false, cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            return Default(kind);
        }

        var media = list.Value.List.Media;
        return media.FirstOrDefault(model => model.Kind == kind)?.UpstreamId is { } offered
            ? offered
            : new Failure(ErrorCodes.ModelUnavailable, $"the account's model list offers no {kind} model.", "Check the subscription at grok.com; models lists what it includes.")
            {
                AvailableModels = [.. media.Select(model => model.Id)],
            };
    }

    private static string Default(string kind) => kind == ModelKinds.Video ? DefaultVideo : DefaultImage;
}
