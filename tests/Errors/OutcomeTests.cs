using XaiGrok.Onboarding.Errors;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Errors;

/// <summary>An outcome is a value or the failure that prevented it, never both and never neither.</summary>
public sealed class OutcomeTests
{
    [Fact]
    public void Value_IsASuccessWithoutFailure()
    {
        Outcome<string> outcome = "answer";

        Assert.True(outcome.IsSuccess);
        Assert.Equal("answer", outcome.Value);
        Assert.Null(outcome.Failure);
    }

    [Fact]
    public void Failure_IsNoSuccessAndHasNoValue()
    {
        var failure = new Failure(ErrorCodes.NetworkError, "no route.");
        Outcome<string> outcome = failure;

        Assert.False(outcome.IsSuccess);
        Assert.Same(failure, outcome.Failure);
        Assert.Null(outcome.Value);
    }

    [Fact]
    public void Of_WrapsAValueTheImplicitConversionCannotTake()
    {
        IReadOnlyList<int> list = [1, 2];

        var outcome = Outcome<IReadOnlyList<int>>.Of(list);

        Assert.True(outcome.IsSuccess);
        Assert.Same(list, outcome.Value);
    }
}
