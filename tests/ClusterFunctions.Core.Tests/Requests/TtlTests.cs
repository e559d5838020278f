using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Tests.Requests;

public class TtlTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("30m", 30 * 60)]
    [InlineData("8h", 8 * 3600)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("365d", 365 * 86400)]
    public void Parse_OneUnit_ReadsTheDuration(string text, long seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Ttl.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("h")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("1h30m")]
    [InlineData("8H")]
    [InlineData(" 8h")]
    [InlineData("8 h")]
    [InlineData("1w")]
    [InlineData("366d")]
    [InlineData("99999999d")]
    [InlineData("８h")]
    public void Parse_AnythingElse_IsRefused(string text)
    {
        Assert.Null(Ttl.Parse(text));
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(90 * 60, "90m")]
    [InlineData(8 * 3600, "8h")]
    [InlineData(2 * 86400, "2d")]
    public void Format_ReadsBackAsTheSameDuration(long seconds, string text)
    {
        Assert.Equal(text, Ttl.Format(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Ttl.Parse(text));
    }
}
