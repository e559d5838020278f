using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>An ARM transport that trusts exactly one certificate: the LocalCloud emulator's self-signed one.</summary>
public static class PinnedCertificateTransport
{
    public static HttpPipelineTransport Create(string certificatePem)
    {
        var pinned = X509Certificate2.CreateFromPem(certificatePem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(pinned.RawData),
        };
        return new HttpClientTransport(handler);
    }
}
