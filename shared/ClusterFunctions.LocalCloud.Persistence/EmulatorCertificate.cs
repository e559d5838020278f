using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClusterFunctions.LocalCloud.Persistence;

/// <summary>
/// The TLS certificate of an emulator on loopback, made once per data directory when it has one. The clients the
/// emulators stand in for send credentials over https only (ArmClient, kubectl), so the emulators serve https with
/// a certificate their clients pin.
/// </summary>
public static class EmulatorCertificate
{
    private const string FileName = "certificate.pfx";

    /// <summary>The certificate stored in <paramref name="directory"/>, or a new one (stored there) when there is none
    /// or it is about to expire; with no directory, a new one for this run.</summary>
    public static X509Certificate2 LoadOrCreate(string? directory, string subject, TimeProvider time)
    {
        if (directory is null)
        {
            return Create(subject, time, TimeSpan.FromDays(30));
        }

        var path = Path.Combine(directory, FileName);
        if (StateFile.Read(path) is { } stored)
        {
            var certificate = X509CertificateLoader.LoadPkcs12(stored, null);
            if (certificate.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(1))
            {
                return certificate;
            }

            certificate.Dispose();
        }

        var created = Create(subject, time, TimeSpan.FromDays(365));
        StateFile.Write(path, Pkcs12Of(created));
        return created;
    }

    /// <summary>Accepts exactly <paramref name="expected"/>, as a client pinning it would.</summary>
    public static bool Matches(X509Certificate2 expected, X509Certificate2? presented) =>
        presented is not null && string.Equals(presented.GetCertHashString(HashAlgorithmName.SHA256), expected.GetCertHashString(HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase);

    private static X509Certificate2 Create(string subject, TimeProvider time, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity));

        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(Pkcs12Of(certificate), null);
    }

    /// <summary>
    /// PKCS#12 with no password and one key-derivation round. The default export derives its keys 2,000 times over, and
    /// every emulated cluster makes a certificate: that was an eighth of LocalCloud's CPU in the e2e bench. Without a
    /// password the rounds protect nothing; the file is as private as the state directory it is in.
    /// </summary>
    private static byte[] Pkcs12Of(X509Certificate2 certificate) =>
        certificate.ExportPkcs12(new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1), password: null);
}
