namespace ClusterFunctions.Core.Validation;

/// <summary>
/// VM sizes the catalog may use. GPU pools must use an NVIDIA GPU size that AKS supports (NVv4 is AMD
/// and unsupported on AKS); general pools a current general-purpose size.
/// </summary>
public static class VmSizes
{
    public static readonly IReadOnlySet<string> NvidiaGpu = new SortedSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Standard_NC6s_v3", "Standard_NC12s_v3", "Standard_NC24s_v3",
        "Standard_NC4as_T4_v3", "Standard_NC8as_T4_v3", "Standard_NC16as_T4_v3", "Standard_NC64as_T4_v3",
        "Standard_NC24ads_A100_v4", "Standard_NC48ads_A100_v4", "Standard_NC96ads_A100_v4",
        "Standard_NC40ads_H100_v5", "Standard_NC80adis_H100_v5",
        "Standard_ND96asr_v4", "Standard_ND96amsr_A100_v4", "Standard_ND96isr_H100_v5",
        "Standard_NV36ads_A10_v5", "Standard_NV72ads_A10_v5",
    };

    public static readonly IReadOnlySet<string> General = new SortedSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Standard_D2s_v5", "Standard_D4s_v5", "Standard_D8s_v5", "Standard_D16s_v5",
        "Standard_D2ds_v5", "Standard_D4ds_v5", "Standard_D8ds_v5", "Standard_D16ds_v5", "Standard_D32ds_v5",
        "Standard_D2as_v5", "Standard_D4as_v5", "Standard_D8as_v5", "Standard_D16as_v5",
        "Standard_E4ds_v5", "Standard_E8ds_v5", "Standard_E16ds_v5",
        "Standard_F4s_v2", "Standard_F8s_v2", "Standard_F16s_v2",
        "Standard_B2s", "Standard_B4ms", "Standard_DS2_v2", "Standard_DS3_v2",
    };
}
