using System.Text.Json;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Exports;

public sealed class SkillResultTests
{
    [Fact]
    public void ToJson_KeepsInsertionOrder()
    {
        var result = new ResultFields().Add("ok", true).Add("zeta", 1).Add("alpha", 2).Add("middle", 3).ToResult();

        Assert.Equal("""{"ok":true,"zeta":1,"alpha":2,"middle":3}""", result.ToJson(indented: false));
        Assert.Equal(["ok", "zeta", "alpha", "middle"], result.Keys);
        Assert.Equal(["ok", "zeta", "alpha", "middle"], result.Select(pair => pair.Key));
    }

    [Fact]
    public void ToJson_WritesEveryValueKind()
    {
        var result = new ResultFields()
            .Add("text", "a \"quoted\" é")
            .Add("flag", false)
            .Add("int", 42)
            .Add("long", 9007199254740993L)
            .Add("double", 1.5)
            .Add("nothing", null)
            .Add("url", new Uri("https://accounts.x.ai/device?user_code=ABCD-EFGH"))
            .ToResult();

        Assert.Equal(
            """{"text":"a \"quoted\" é","flag":false,"int":42,"long":9007199254740993,"double":1.5,"nothing":null,"url":"https://accounts.x.ai/device?user_code=ABCD-EFGH"}""",
            result.ToJson(indented: false));
    }

    [Theory]
    [InlineData(0, "2025-06-01T12:34:56Z")]
    [InlineData(2, "2025-06-01T10:34:56Z")]
    [InlineData(-5, "2025-06-01T17:34:56Z")]
    public void ToJson_DateTimeOffset_IsUtcToTheSecond(int offsetHours, string expected)
    {
        var moment = new DateTimeOffset(2025, 6, 1, 12, 34, 56, 789, TimeSpan.FromHours(offsetHours));

        Assert.Equal($$"""{"at":"{{expected}}"}""", new ResultFields().Add("at", moment).ToResult().ToJson(indented: false));
    }

    [Fact]
    public void ToJson_WritesNestedListsAndDictionaries()
    {
        var inner = new ResultFields().Add("id", "xai-grok/grok-4.3").Add("listed", true).ToResult();
        var result = new ResultFields()
            .Add("models", new object?[] { inner, null })
            .Add("numbers", new List<int> { 1, 2 })
            .Add("map", new Dictionary<string, object?> { ["a"] = new[] { "x" }, ["b"] = null })
            .Add("empty", Array.Empty<object?>())
            .ToResult();

        Assert.Equal(
            """{"models":[{"id":"xai-grok/grok-4.3","listed":true},null],"numbers":[1,2],"map":{"a":["x"],"b":null},"empty":[]}""",
            result.ToJson(indented: false));
    }

    [Fact]
    public void ToJson_CompactAndIndented_HoldTheSameJson()
    {
        var result = new ResultFields().Add("ok", true).Add("models", new[] { "a", "b" }).Add("nested", new ResultFields().Add("x", 1).ToResult()).ToResult();

        var compact = result.ToJson(indented: false);
        var indented = result.ToJson();

        Assert.DoesNotContain('\n', compact);
        Assert.Contains('\n', indented);
        Assert.StartsWith("{\n  \"ok\": true,", indented.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(compact).RootElement, JsonDocument.Parse(indented).RootElement));
        Assert.Equal(compact, result.ToString());
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData("true", false)]
    [InlineData(1, false)]
    [InlineData(null, false)]
    public void Ok_IsTrueOnlyForABooleanTrue(object? ok, bool expected) =>
        Assert.Equal(expected, new ResultFields().Add("ok", ok).ToResult().Ok);

    [Fact]
    public void Ok_WithoutTheKey_IsFalse() => Assert.False(new ResultFields().Add("status", "x").ToResult().Ok);

    [Fact]
    public void Error_IsTheErrorCodeOrNull()
    {
        Assert.Equal("rate_limited", new ResultFields().Add("ok", false).Add("error", "rate_limited").ToResult().Error);
        Assert.Null(new ResultFields().Add("ok", true).ToResult().Error);
        Assert.Null(new ResultFields().Add("ok", false).Add("error", 42).ToResult().Error);
    }

    [Fact]
    public void Dictionary_LooksUpByKey()
    {
        var result = new ResultFields().Add("ok", true).Add("tier", 4L).ToResult();

        Assert.Equal(2, result.Count);
        Assert.True(result.ContainsKey("tier"));
        Assert.Equal(4L, result["tier"]);
        Assert.False(result.TryGetValue("missing", out _));
        Assert.Throws<KeyNotFoundException>(() => result["missing"]);
    }

    [Fact]
    public void AddIfNotNull_SkipsNullOnly()
    {
        var result = new ResultFields().AddIfNotNull("a", null).AddIfNotNull("b", 0).AddIfNotNull("c", "").ToResult();

        Assert.Equal(["b", "c"], result.Keys);
    }
}
