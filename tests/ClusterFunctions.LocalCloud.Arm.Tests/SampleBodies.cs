using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Arm.Tests;

/// <summary>A managed-cluster PUT body shaped like the catalog's production profile renders it.</summary>
internal static class SampleBodies
{
    public static JsonObject Production(string requestId = "req-1") => JsonNode.Parse($$$"""
        {"location":"centralindia",
         "tags":{"clusterfunctions-request-id":"{{{requestId}}}","clusterfunctions-profile-version":"sha256:abc","clusterfunctions-profile":"production"},
         "sku":{"name":"Base","tier":"Standard"},
         "identity":{"type":"SystemAssigned"},
         "properties":{"kubernetesVersion":"1.32","dnsPrefix":"prod-a","enableRBAC":true,"disableLocalAccounts":false,
           "networkProfile":{"networkPlugin":"azure","networkPluginMode":"overlay","networkPolicy":"cilium","networkDataplane":"cilium"},
           "autoScalerProfile":{"expander":"least-waste","scan-interval":"20s"},
           "agentPoolProfiles":[
             {"name":"system","mode":"System","vmSize":"Standard_D4ds_v5","count":3,"enableAutoScaling":true,"minCount":3,"maxCount":5,"osType":"Linux","type":"VirtualMachineScaleSets"},
             {"name":"gpu","mode":"User","vmSize":"Standard_NC6s_v3","count":0,"enableAutoScaling":true,"minCount":0,"maxCount":25,"osType":"Linux","type":"VirtualMachineScaleSets",
              "nodeTaints":["nvidia.com/gpu=present:NoSchedule"],"nodeLabels":{"accelerator":"nvidia"},"gpuProfile":{"driver":"Install"}}]}}
        """)!.AsObject();
}
