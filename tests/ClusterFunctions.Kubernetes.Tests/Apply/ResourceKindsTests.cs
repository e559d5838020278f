using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Kubernetes.Tests.Apply;

public sealed class ResourceKindsTests
{
    [Fact]
    public void Find_EveryKindTheCatalogAccepts_HasAUrlWithTheSameScope()
    {
        foreach (var supported in KubernetesKinds.Supported)
        {
            var slash = supported.LastIndexOf('/');
            var (apiVersion, kind) = (supported[..slash], supported[(slash + 1)..]);

            var found = ResourceKinds.Find(apiVersion, kind);

            Assert.Equal(KubernetesKinds.IsNamespaced(apiVersion, kind), found.Namespaced);
        }
    }

    [Fact]
    public void Find_ValidatingAdmissionPolicyBinding_MapsToAdmissionRegistrationV1()
    {
        var kind = ResourceKinds.Find("admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicyBinding");

        Assert.Equal(("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings", false), (kind.Group, kind.Version, kind.Plural, kind.Namespaced));
    }

    [Fact]
    public void Find_UnknownKind_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => ResourceKinds.Find("example.com/v1", "Widget"));

        Assert.Contains("apiVersion \"example.com/v1\" kind \"Widget\" is not a kind the apply engine supports", error.Message);
    }
}
