namespace XaiGrok.Emulator;

/// <summary>The bytes the emulator's image and video models "generate": fixed, so a test can compare what was saved.</summary>
public static class EmulatorMedia
{
    /// <summary>A valid 1×1 PNG, as base64 (what <c>b64_json</c> carries).</summary>
    public const string PngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /// <summary>The PNG's bytes.</summary>
    public static byte[] Png => Convert.FromBase64String(PngBase64);

    /// <summary>
    /// A small MP4: an <c>ftyp</c> box (isom, iso2, avc1, mp41), a <c>free</c> box and an eight-byte <c>mdat</c>. Players
    /// find no track in it; a test only needs bytes that are recognisably an MP4 and always the same.
    /// </summary>
    public static byte[] Mp4 =>
    [
        0x00, 0x00, 0x00, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0x00, 0x00, 0x02, 0x00,
        (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'i', (byte)'s', (byte)'o', (byte)'2', (byte)'a', (byte)'v', (byte)'c', (byte)'1', (byte)'m', (byte)'p', (byte)'4', (byte)'1',
        0x00, 0x00, 0x00, 0x08, (byte)'f', (byte)'r', (byte)'e', (byte)'e',
        0x00, 0x00, 0x00, 0x10, (byte)'m', (byte)'d', (byte)'a', (byte)'t', 0x78, 0x61, 0x69, 0x2d, 0x67, 0x72, 0x6f, 0x6b,
    ];
}
