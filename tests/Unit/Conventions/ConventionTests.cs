using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Unit.Conventions;

/// <summary>Keeps the design's rules true by reflection over the skill assembly.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Skill = typeof(SkillResult).Assembly;

    private static readonly string[] SecretHoldingSuffixes = ["Response", "Credential", "PendingFlow", "DeviceAuthorization", "TokenAnswer"];

    private static IEnumerable<Type> DeclaredTypes =>
        Skill.GetTypes().Where(type => !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && !type.Name.Contains('<', StringComparison.Ordinal));

    [Fact]
    public void Assembly_IsTheSkillAssembly() => Assert.Equal("xai-grok-onboarding", Skill.GetName().Name);

    [Fact]
    public void PublicTypes_LiveInTheRootNamespace()
    {
        var exported = Skill.GetExportedTypes();

        Assert.NotEmpty(exported);
        Assert.All(exported, type => Assert.True(type.Namespace == "XaiGrok.Onboarding", $"{type.FullName} is public outside XaiGrok.Onboarding"));
    }

    [Fact]
    public void PublicTypes_AreSealedStaticEnumsOrStructs()
    {
        Assert.All(Skill.GetExportedTypes(), type => Assert.True(
            type.IsSealed || type.IsEnum || type.IsValueType || (type.IsAbstract && type.IsSealed),
            $"{type.FullName} is public and can be inherited from"));
    }

    [Fact]
    public void PublicSurface_IsTheDocumentedFew()
    {
        var names = Skill.GetExportedTypes().Select(type => type.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Exports", names);
        Assert.Contains("SkillResult", names);
        Assert.Contains("OnboardingOptions", names);
        Assert.True(typeof(Onboarding.Exports).IsAbstract && typeof(Onboarding.Exports).IsSealed, "Exports must be static");
    }

    [Fact]
    public void TypesThatHoldSecrets_OverrideToString()
    {
        var holders = DeclaredTypes
            .Where(type => SecretHoldingSuffixes.Any(suffix => type.Name.EndsWith(suffix, StringComparison.Ordinal)))
            .ToList();

        Assert.Superset(
            new HashSet<string>(["TokenResponse", "Credential", "PendingFlow", "DeviceAuthorization", "TokenAnswer"], StringComparer.Ordinal),
            holders.Select(type => type.Name).ToHashSet(StringComparer.Ordinal));
        Assert.All(holders, type =>
        {
            var toString = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
            Assert.True(
                toString is not null && toString.DeclaringType == type && !toString.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false),
                $"{type.FullName} does not write its own ToString (a record's generated one prints every property)");
        });
    }
}
