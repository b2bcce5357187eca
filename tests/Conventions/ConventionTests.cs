using System.Reflection;
using System.Runtime.CompilerServices;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Conventions;

/// <summary>Keeps the design's rules true by reflection over the skill assembly.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Skill = typeof(SkillResult).Assembly;

    private static readonly string[] SecretHoldingSuffixes = ["Response", "Credential", "PendingFlow", "DeviceAuthorization", "TokenAnswer"];

    private static IEnumerable<Type> DeclaredTypes =>
        Skill.GetTypes().Where(type => !type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) && !type.Name.Contains('<', StringComparison.Ordinal));

    private static bool IsSecretName(string name) =>
        new[] { "Key", "Token", "Secret", "Password", "Verifier", "Credential" }.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static string Canary(Type type, string name) => $"canary-{type.Name}-{name}-5f1e";

    /// <summary>
    /// An instance of <paramref name="type"/> built through its widest public constructor with a canary in every string
    /// parameter, then a canary in every string property it can set (init accessors included); null when it cannot be built.
    /// </summary>
    private static object? Canaried(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (constructor is null)
        {
            return null;
        }

        object? instance;
        try
        {
            instance = constructor.Invoke([.. constructor.GetParameters().Select(parameter =>
                parameter.ParameterType == typeof(string) ? Canary(type, char.ToUpperInvariant(parameter.Name![0]) + parameter.Name[1..])
                : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType)
                : null)]);
        }
        catch (TargetInvocationException)
        {
            return null;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.PropertyType == typeof(string) && property.SetMethod is not null))
        {
            property.SetValue(instance, Canary(type, property.Name));
        }

        return instance;
    }

    [Fact]
    public void Assembly_IsTheLibraryAssembly() => Assert.Equal("XaiGrok.Onboarding", Skill.GetName().Name);

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
            type.IsSealed || type.IsEnum || type.IsValueType || (type.IsAbstract && type.IsSealed) || OnlyTheLibraryDerives(type),
            $"{type.FullName} is public and can be inherited from"));
    }

    /// <summary>
    /// An abstract type whose every constructor is internal (GrokUserStore): a host can name it but not derive from it;
    /// only the library and its packages (InternalsVisibleTo) make one.
    /// </summary>
    private static bool OnlyTheLibraryDerives(Type type) =>
        type.IsAbstract && !type.IsInterface
        && type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance) is { Length: > 0 } constructors
        && constructors.All(constructor => constructor.IsAssembly);

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
    public void PublicTypes_PrintSecretPropertiesRedacted()
    {
        var tried = new List<string>();
        foreach (var type in Skill.GetExportedTypes().Where(type => !type.IsAbstract && !type.IsEnum))
        {
            if (Canaried(type) is not { } instance)
            {
                continue;
            }

            var text = instance.ToString() ?? "";
            (instance as IDisposable)?.Dispose();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.PropertyType == typeof(string)))
            {
                var canary = Canary(type, property.Name);
                if (IsSecretName(property.Name))
                {
                    tried.Add($"{type.Name}.{property.Name}");
                    Assert.False(text.Contains(canary, StringComparison.Ordinal), $"{type.Name}.ToString() prints {property.Name}");
                }
            }
        }

        // The rule is only kept if it looked at something: the options' API key at least.
        Assert.Contains("OnboardingOptions.ApiKey", tried);
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
