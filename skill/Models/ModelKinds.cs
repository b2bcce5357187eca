namespace XaiGrok.Onboarding.Models;

/// <summary>What a model produces: chat models go to the picker, image and video models are listed apart.</summary>
internal static class ModelKinds
{
    public const string Chat = "chat";
    public const string Image = "image";
    public const string Video = "video";
    public const string Prefix = "xai-grok/";
    public const string DefaultModelId = Prefix + "grok-4.3";

    public static string KindOf(string upstreamId)
    {
        if (!upstreamId.StartsWith("grok-imagine", StringComparison.OrdinalIgnoreCase))
        {
            return Chat;
        }

        return upstreamId.Contains("video", StringComparison.OrdinalIgnoreCase) ? Video : Image;
    }
}
