using System.Reflection;
using System.Runtime.InteropServices;

namespace XaiGrok.Onboarding.Http;

/// <summary>Our own honest User-Agent: <c>xai-grok-onboarding/&lt;version&gt; (&lt;os&gt;; &lt;arch&gt;)</c>.</summary>
internal static class UserAgent
{
    public static string Value { get; } = Build();

    private static string Build()
    {
        var version = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            version = version[..plus];
        }

        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "other";
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        return $"xai-grok-onboarding/{version} ({os}; {arch})";
    }
}
