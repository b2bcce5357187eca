using System.Diagnostics.CodeAnalysis;

namespace XaiGrok.Onboarding.Errors;

/// <summary>A value or the <see cref="Errors.Failure"/> that prevented it.</summary>
internal readonly struct Outcome<T>
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    /// <summary>A success, for values the implicit conversion cannot take (C# forbids conversions from interfaces).</summary>
    public static Outcome<T> Of(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
