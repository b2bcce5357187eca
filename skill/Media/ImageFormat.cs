namespace XaiGrok.Onboarding.Media;

/// <summary>The file extension for an image's bytes, from their signature (xAI sends JPEG; the emulator PNG).</summary>
internal static class ImageFormat
{
    public static string ExtensionOf(ReadOnlySpan<byte> image) => image switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => ".png",
        [0xFF, 0xD8, 0xFF, ..] => ".jpg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ".webp",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => ".gif",
        _ => ".img",
    };
}
