namespace XaiGrok.Onboarding;

/// <summary>
/// How the CLI and <see cref="Exports"/> show the external provider's lines to the person: on stderr (stdout carries
/// the one JSON result), each prefixed so it reads as the provider's, and the sign-in link on a line of its own.
/// </summary>
internal static class ProviderEcho
{
    public const string Prefix = "auth provider: ";
    public const string SignInPrefix = "Sign in at: ";

    public static Action<ProviderMessage> To(TextWriter stderr) => message =>
    {
        // One write per message, so that lines of two threads never interleave within a line.
        var text = Prefix + message.Line + "\n" + (message.SignInUrl is { } url ? SignInPrefix + url.AbsoluteUri + "\n" : "");
        stderr.Write(text);
        stderr.Flush();
    };
}
