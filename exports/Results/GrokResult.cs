using System.Diagnostics.CodeAnalysis;

namespace XaiGrok.Onboarding;

/// <summary>
/// What a <see cref="GrokSession"/> call returns: its <see cref="Value"/> when <see cref="IsSuccess"/>, else its
/// <see cref="Failure"/>. Expected failures are values, never exceptions; only cancellation escapes.
/// </summary>
/// <typeparam name="T">The call's own result.</typeparam>
public sealed class GrokResult<T>
    where T : class
{
    private GrokResult(T? value, GrokFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>The call's result; set exactly when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>Why the call failed; set exactly when <see cref="IsSuccess"/> is false.</summary>
    public GrokFailure? Failure { get; }

    /// <summary>True when the call did what it was asked (then <see cref="Value"/> is set, else <see cref="Failure"/>).</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? $"Success({Value})" : $"Failure({Failure.Code}: {Failure.Detail})";

    internal static GrokResult<T> Success(T value) => new(value, null);

    internal static GrokResult<T> Failed(GrokFailure failure) => new(null, failure);
}
