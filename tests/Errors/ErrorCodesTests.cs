using System.Reflection;
using System.Text.RegularExpressions;
using XaiGrok.Onboarding.Errors;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Errors;

/// <summary>
/// The error codes are a contract with every caller (agents branch on them): snake_case, each once, none renamed or
/// dropped without a deliberate change here, and each with a next step for the person.
/// </summary>
public sealed partial class ErrorCodesTests
{
    // The codes callers may already branch on: a change to this list is a breaking change to the results.
    private static readonly string[] Published =
    [
        "access_denied", "api_key_rejected", "client_not_configured", "credential_store_error", "expired", "forbidden",
        "generation_failed", "internal_error", "invalid_configuration", "invalid_request", "invalid_response",
        "model_unavailable", "network_error", "no_pending_flow", "not_connected", "oauth_error", "rate_limited",
        "reauth_required", "stream_interrupted", "terminated", "upstream_unavailable", "usage_error",
    ];

    public static TheoryData<string> Codes => [.. Constants()];

    private static IEnumerable<string> Constants() => typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!);

    [Fact]
    public void Codes_AreThePublishedOnes_EachOnce()
    {
        var codes = Constants().ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Published, codes.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Code_IsLowerSnakeCase(string code) => Assert.Matches(SnakeCase(), code);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Code_WithoutAHintOfItsOwn_GetsTheCodesHint(string code)
    {
        var hint = new Failure(code, "what happened.").Hint;

        Assert.False(string.IsNullOrWhiteSpace(hint), $"{code} has no hint");
        Assert.Equal(CodeHints.For(code), hint);
        Assert.EndsWith(".", hint, StringComparison.Ordinal);
        Assert.DoesNotContain(hint, char.IsControl);
    }

    [Fact]
    public void Failure_KeepsTheHintItWasGiven()
    {
        var failure = new Failure(ErrorCodes.NotConnected, "no session.", "Do this instead.");

        Assert.Equal("Do this instead.", failure.Hint);
        Assert.Equal("Or that.", (failure with { Hint = "Or that." }).Hint);
    }

    [Fact]
    public void UnknownCode_HasNoHint() => Assert.Null(CodeHints.For("not_a_code"));

    [GeneratedRegex("^[a-z]+(_[a-z]+)*$")]
    private static partial Regex SnakeCase();
}
