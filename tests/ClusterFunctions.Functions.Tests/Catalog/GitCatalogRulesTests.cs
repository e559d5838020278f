using System.Text;
using ClusterFunctions.Functions.Catalog;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>The small rules of the Git catalog: settings, webhook signatures, which pushes count.</summary>
public sealed class GitCatalogRulesTests
{
    [Fact]
    public void Signature_MatchesGitHubsDocumentedExample()
    {
        // From GitHub's "Validating webhook deliveries" page.
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        const string header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        Assert.Equal(header, WebhookSignature.Sign(body, "It's a Secret to Everybody"));
        Assert.True(WebhookSignature.IsValid(body, "It's a Secret to Everybody", header));
        Assert.False(WebhookSignature.IsValid(body, "another secret", header));
        Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes("Hello, World?"), "It's a Secret to Everybody", header));
        Assert.False(WebhookSignature.IsValid(body, "It's a Secret to Everybody", null));
        Assert.False(WebhookSignature.IsValid(body, "It's a Secret to Everybody", "sha256=" + new string('z', 64)));
    }

    [Theory]
    [InlineData("refs/heads/main", "main", true)]
    [InlineData("refs/tags/main", "main", true)]
    [InlineData("refs/heads/release", "refs/heads/release", true)]
    [InlineData("refs/heads/other", "main", false)]
    [InlineData("refs/heads/main-2", "main", false)]
    public void PushedRef_MatchesTheFollowedRef(string pushed, string configured, bool matches) =>
        Assert.Equal(matches, CatalogRefs.Matches(pushed, configured));

    [Theory]
    [InlineData("https://user:token@github.com/org/catalog.git", "Catalog:Git:Url: must not carry a password")]
    [InlineData("github.com/org/catalog.git", "Catalog:Git:Url: must be an absolute")]
    [InlineData("ftp://example.com/catalog.git", "Catalog:Git:Url: must be an absolute")]
    public void Url_WithATokenOrNoScheme_IsRefusedNamingTheSetting(string url, string expected)
    {
        var result = new GitCatalogOptionsValidator().Validate(null, new GitCatalogOptions { Url = url });

        Assert.Contains(result.Failures!, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void NoUrl_IsAFolderCatalog_AndValid()
    {
        Assert.True(new GitCatalogOptionsValidator().Validate(null, new GitCatalogOptions()).Succeeded);
        Assert.False(new GitCatalogOptions().Enabled);
    }

    [Theory]
    [InlineData("https://user:token@github.com/org/catalog.git?access_token=t", "https://github.com/org/catalog.git")]
    [InlineData("http://127.0.0.1:8080/x.git", "http://127.0.0.1:8080/x.git")]
    public void Redact_DropsUserInfoAndQuery(string url, string expected) => Assert.Equal(expected, GitUrls.Redact(url));
}
