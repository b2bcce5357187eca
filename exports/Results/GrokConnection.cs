using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Secrets;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding;

/// <summary>
/// A fresh connection, whichever sign-in made it. Tell the person to refresh their browser page: the picker caches
/// its model list and shows the new models only after a reload.
/// </summary>
/// <param name="Source">How the session was obtained (<c>oauth</c>, <c>oidc</c>, <c>external_provider</c>).</param>
/// <param name="Tier">The access token's raw <c>tier</c> claim, when it has one.</param>
/// <param name="Subscription">The tier's name (<c>SuperGrok Heavy</c>, …), or <c>unknown</c>.</param>
/// <param name="ExpiresAt">When the access token expires (it refreshes by itself before).</param>
/// <param name="ChatModel">The model chat uses now: the one chosen with use-model, else <see cref="DefaultModelId"/>.</param>
public sealed record GrokConnection(string Source, long? Tier, string Subscription, DateTimeOffset ExpiresAt, string ChatModel)
{
    /// <summary>The model chat uses when none is chosen (<c>xai-grok/grok-4.3</c>).</summary>
    public string DefaultModelId => ModelKinds.DefaultModelId;

    /// <summary>The account's models, when a device sign-in fetched them right after connecting.</summary>
    public GrokModelList? Models { get; init; }

    /// <summary>Why that model fetch failed, when it did; the connection stands all the same.</summary>
    public GrokFailure? ModelsFailure { get; init; }

    internal static GrokConnection From(Credential credential, string? selected, ModelList? models = null, Failure? modelsProblem = null, SecretRegistry? secrets = null) =>
        new(credential.Source, credential.Tier, TierTable.SubscriptionFor(credential.Tier), credential.ExpiresAt, ChatModelFor(selected))
        {
            Models = models is null ? null : GrokModelList.From(models),
            ModelsFailure = modelsProblem is null ? null : GrokFailure.From(modelsProblem, secrets),
        };

    /// <summary>The full id of the model chat uses, from the upstream id chosen with use-model (null: none chosen).</summary>
    internal static string ChatModelFor(string? selected) => selected is null ? ModelKinds.DefaultModelId : ModelKinds.Prefix + selected;
}
