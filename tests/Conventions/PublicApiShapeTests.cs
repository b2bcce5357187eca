using System.Reflection;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Conventions;

/// <summary>The shape rules of the library's public methods that a caller relies on (CA1068, as a test).</summary>
public sealed class PublicApiShapeTests
{
    private static readonly Assembly Library = typeof(SkillResult).Assembly;

    [Fact]
    public void PublicMethods_TakeTheirCancellationTokenLast()
    {
        var misplaced =
            from type in Library.GetExportedTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            let parameters = method.GetParameters()
            let token = Array.FindLastIndex(parameters, parameter => parameter.ParameterType == typeof(CancellationToken))
            where token >= 0 && token != parameters.Length - 1
            select $"{type.Name}.{method.Name}({string.Join(", ", parameters.Select(parameter => parameter.Name))})";

        Assert.Empty(misplaced);
    }
}
