using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Tests.Support;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Conventions;

/// <summary>
/// "A 401, or a 403 <c>unauthenticated:bad-credentials</c>, refreshes once and retries once" has one implementation,
/// the engine's bearer handler: no service or facade decides on an expired credential or refreshes after a refusal itself.
/// </summary>
public sealed class RefreshRuleTests
{
    // The classifier names the kind, ApiFailures turns a refusal that stands into its error code, the handler acts on it.
    private static readonly string[] MayNameExpiredCredentials = ["skill/Http/ApiErrorClassifier.cs", "skill/Http/ApiErrorKind.cs", "skill/Http/ApiFailures.cs", "skill/Http/BearerHandler.cs"];

    // The handler's source refreshes after a rejection; the refresh verb and the session's own early refresh are asked for.
    private static readonly string[] MayForceARefresh = ["skill/Credentials/BearerResolver.cs", "skill/Session/SessionManager.cs", "exports/GrokSession.cs"];

    [Fact]
    public void ExpiredCredentialAnswers_AreActedOnOnlyByTheBearerHandler() =>
        Assert.Empty(SourcesMatching(@"ApiErrorKind\.CredentialsExpired").Except(MayNameExpiredCredentials));

    [Fact]
    public void RefreshAfterARejection_IsCalledOnlyByTheBearerSource() =>
        Assert.Empty(SourcesMatching(@"RefreshAsync\([^;]*force: true").Except(MayForceARefresh));

    private static IEnumerable<string> SourcesMatching(string pattern) =>
        new[] { "skill", "exports", "cli" }
            .Select(folder => Path.Combine(CliRunner.RepositoryRoot, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => Regex.IsMatch(File.ReadAllText(file), pattern))
            .Select(file => Path.GetRelativePath(CliRunner.RepositoryRoot, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
