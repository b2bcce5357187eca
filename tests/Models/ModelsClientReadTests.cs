using XaiGrok.Onboarding.Errors;
using XaiGrok.Onboarding.Models;
using XaiGrok.Onboarding.Tests.Fixtures;
using Xunit;

namespace XaiGrok.Onboarding.Tests.Models;

public sealed class ModelsClientReadTests
{
    [Fact]
    public void Read_GoodList_GivesEveryIdInOrder()
    {
        var fetch = ModelsClient.Read(Replies.Document(Documents.Models));

        Assert.Null(fetch.Failure);
        Assert.Equal(["grok-4.3", "grok-4-fast-reasoning", "grok-code-fast-1", "grok-imagine-image", "grok-imagine-video"], fetch.UpstreamIds);
    }

    [Fact]
    public void Read_EmptyData_IsAnEmptyList() =>
        Assert.Equal([], ModelsClient.Read(Replies.Json("""{"object":"list","data":[]}""")).UpstreamIds);

    [Theory]
    [InlineData("{\"object\":\"list\"}")]
    [InlineData("{\"object\":\"list\",\"data\":null}")]
    [InlineData("{\"object\":\"list\",\"data\":{\"id\":\"grok-4.3\"}}")]
    [InlineData("{\"object\":\"list\",\"data\":\"grok-4.3\"}")]
    [InlineData("[{\"id\":\"grok-4.3\"}]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("<html></html>")]
    public void Read_NoDataArray_IsInvalidResponse(string body)
    {
        var fetch = ModelsClient.Read(Replies.Json(body));

        Assert.Null(fetch.UpstreamIds);
        Assert.Equal(ErrorCodes.InvalidResponse, fetch.Failure?.Code);
    }

    [Fact]
    public void Read_BodyTooLarge_IsInvalidResponse() =>
        Assert.Equal(ErrorCodes.InvalidResponse, ModelsClient.Read(Replies.TooLarge(Documents.Text(Documents.Models))).Failure?.Code);

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"object\":\"model\"}")]
    [InlineData("{\"id\":null}")]
    [InlineData("{\"id\":42}")]
    [InlineData("{\"id\":\"\"}")]
    [InlineData("{\"id\":\"grok 4\"}")]
    [InlineData("{\"id\":\"grok-4\\n\"}")]
    [InlineData("{\"id\":\"<script>alert(1)</script>\"}")]
    [InlineData("{\"id\":\"grök-4\"}")]
    [InlineData("{\"id\":\"grok-4?x=1\"}")]
    [InlineData("{\"id\":[\"grok-4.3\"]}")]
    [InlineData("\"grok-4.3\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void Read_EntryWithoutAUsableId_IsSkipped(string entry)
    {
        var fetch = ModelsClient.Read(Replies.Json($$"""{"object":"list","data":[{"id":"grok-4.3"},{{entry}},{"id":"grok-code-fast-1"}]}"""));

        Assert.Null(fetch.Failure);
        Assert.Equal(["grok-4.3", "grok-code-fast-1"], fetch.UpstreamIds);
    }

    [Fact]
    public void Read_IdLongerThan128_IsSkipped()
    {
        var fetch = ModelsClient.Read(Replies.Json($$"""{"data":[{"id":"{{new string('g', 129)}}"},{"id":"{{new string('g', 128)}}"}]}"""));

        Assert.Equal([new string('g', 128)], fetch.UpstreamIds);
    }

    [Theory]
    [InlineData("grok-4.3")]
    [InlineData("grok_4:latest")]
    [InlineData("xai/grok-4")]
    [InlineData("GROK-4-0709")]
    public void Read_IdWithLettersDigitsAndPunctuationOfModelNames_IsKept(string id) =>
        Assert.Equal([id], ModelsClient.Read(Replies.Json($$"""{"data":[{"id":"{{id}}"}]}""")).UpstreamIds);

    [Fact]
    public void Read_HugeList_IsCappedAt2000()
    {
        var entries = string.Join(",", Enumerable.Range(0, 2500).Select(i => $$"""{"id":"m-{{i}}"}"""));

        Assert.Equal(2000, ModelsClient.Read(Replies.Json($$"""{"data":[{{entries}}]}""")).UpstreamIds!.Count);
    }
}
