using System.Text.Json.Serialization;
using XaiGrok.Onboarding.Credentials;
using XaiGrok.Onboarding.DeviceGrant;
using XaiGrok.Onboarding.Media;
using XaiGrok.Onboarding.Models;

namespace XaiGrok.Onboarding.Storage;

/// <summary>Source-generated JSON for every file in the state folder: no reflection at start-up.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CredentialFile))]
[JsonSerializable(typeof(PendingFlowFile))]
[JsonSerializable(typeof(CompletedSignInsFile))]
[JsonSerializable(typeof(ModelCacheFile))]
[JsonSerializable(typeof(ModelAccessFile))]
[JsonSerializable(typeof(SettingsFile))]
[JsonSerializable(typeof(ModelKeysFile))]
[JsonSerializable(typeof(VideoRequestFile))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
