using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace XaiGrok.Onboarding.Config;

/// <summary>
/// Source-generated metadata for the untyped TOML model: the Native AOT tool may not use Tomlyn's reflection path.
/// One instance per read, so its options carry that read's metadata store (the line of every key).
/// </summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ConfigTomlContext : TomlSerializerContext
{
    public ConfigTomlContext(TomlSerializerOptions options)
        : base(options)
    {
    }
}
