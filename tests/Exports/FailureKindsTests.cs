using System.Reflection;
using XaiGrok.Onboarding.Errors;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Exports;

public sealed class FailureKindsTests
{
    [Theory]
    [InlineData(ErrorCodes.InvalidResponse, GrokFailureKind.Protocol)]
    [InlineData(ErrorCodes.AccessDenied, GrokFailureKind.Protocol)]
    [InlineData(ErrorCodes.ReauthRequired, GrokFailureKind.Protocol)]
    [InlineData(ErrorCodes.UpstreamUnavailable, GrokFailureKind.Http)]
    [InlineData(ErrorCodes.RateLimited, GrokFailureKind.Http)]
    [InlineData(ErrorCodes.Forbidden, GrokFailureKind.Http)]
    [InlineData(ErrorCodes.NetworkError, GrokFailureKind.Network)]
    [InlineData(ErrorCodes.StreamInterrupted, GrokFailureKind.Network)]
    [InlineData(ErrorCodes.ClientNotConfigured, GrokFailureKind.Configuration)]
    [InlineData(ErrorCodes.InvalidConfiguration, GrokFailureKind.Configuration)]
    [InlineData(ErrorCodes.CredentialStoreError, GrokFailureKind.Storage)]
    [InlineData(ErrorCodes.NotConnected, GrokFailureKind.Session)]
    [InlineData(ErrorCodes.InvalidRequest, GrokFailureKind.Request)]
    [InlineData(ErrorCodes.InternalError, GrokFailureKind.Internal)]
    public void Of_GivesTheCodesKind(string code, GrokFailureKind kind) => Assert.Equal(kind, FailureKinds.Of(code));

    [Fact]
    public void Of_NamesAKindOtherThanInternalForEveryCodeButABug()
    {
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

        // Only a bug is internal; the CLI's own "terminated" never reaches a host.
        Assert.Equal(
            [ErrorCodes.InternalError, ErrorCodes.Terminated],
            codes.Where(code => FailureKinds.Of(code) == GrokFailureKind.Internal).Order(StringComparer.Ordinal));
    }
}
