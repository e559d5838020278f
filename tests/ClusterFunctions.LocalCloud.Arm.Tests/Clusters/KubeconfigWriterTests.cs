using ClusterFunctions.LocalCloud.Arm.Clusters;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Clusters;

public sealed class KubeconfigWriterTests
{
    [Fact]
    public void Write_HttpsWithCa_CarriesCaDataAndNoSkipVerify()
    {
        var text = KubeconfigWriter.Write("rg1", "aks1", new ClusterApiEndpoint(new Uri("https://127.0.0.1:6443"), "PEM", "tok"));

        Assert.Contains($"certificate-authority-data: {Convert.ToBase64String("PEM"u8.ToArray())}", text);
        Assert.DoesNotContain("insecure-skip-tls-verify", text);
        Assert.Contains("user: \"clusterUser_rg1_aks1\"", text);
    }

    [Theory]
    [InlineData("https://127.0.0.1:6443", true)]
    [InlineData("http://127.0.0.1:8080", false)]
    public void Write_WithoutCa_SkipsVerifyOnlyForHttps(string server, bool skipVerify)
    {
        var text = KubeconfigWriter.Write("rg1", "aks1", new ClusterApiEndpoint(new Uri(server), null, "tok"));

        Assert.Equal(skipVerify, text.Contains("insecure-skip-tls-verify: true", StringComparison.Ordinal));
        Assert.Contains($"server: \"{server}\"", text);
    }
}
