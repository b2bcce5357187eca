namespace XaiGrok.Onboarding;

/// <summary>
/// One line the external auth provider printed on stderr, for the person, as it arrives (with every known credential
/// cut out). <see cref="SignInUrl"/> is set on the first line that carries an https URL, and only on that one: show it
/// as the link to sign in at.
/// </summary>
/// <param name="Line">The line, without control characters, at most 500 characters.</param>
/// <param name="SignInUrl">The first https URL the provider printed, on the line that carried it; otherwise null.</param>
public sealed record ProviderMessage(string Line, Uri? SignInUrl);
