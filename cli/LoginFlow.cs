namespace XaiGrok.Onboarding.Cli;

/// <summary>The sign-in a person's <c>login</c> runs.</summary>
internal enum LoginFlow
{
    /// <summary>The device code: a URL and a code to approve on any device (headless, SSH, containers).</summary>
    DeviceCode,

    /// <summary>xAI OAuth in the browser, redirected back to a loopback listener.</summary>
    OAuth,

    /// <summary>Enterprise OIDC through the company's identity provider, in the browser.</summary>
    Oidc,
}
