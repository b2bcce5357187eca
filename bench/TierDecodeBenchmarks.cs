using System.Text.Json;
using BenchmarkDotNet.Attributes;
using XaiGrok.Onboarding.Tiers;

namespace XaiGrok.Onboarding.Bench;

/// <summary>
/// Tier decode: <see cref="AccessTokenClaims.Read"/> (JsonWebTokenHandler, then the tier from the payload's own JSON)
/// against the floor, a bare base64url decode and JsonDocument parse of the payload.
/// </summary>
[Config(typeof(BenchConfig))]
public class TierDecodeBenchmarks
{
    private readonly string token = Jwt.AccessToken(4);

    [Benchmark(Baseline = true, Description = "bare: base64url + JsonDocument tier")]
    public long? Bare()
    {
        var payload = token.Split('.')[1];
        var padded = payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4);
        using var document = JsonDocument.Parse(Convert.FromBase64String(padded));
        return document.RootElement.TryGetProperty("tier", out var tier) && tier.TryGetInt64(out var number) ? number : null;
    }

    [Benchmark(Description = "AccessTokenClaims.Read")]
    public long? Module() => AccessTokenClaims.Read(token).Tier;
}
