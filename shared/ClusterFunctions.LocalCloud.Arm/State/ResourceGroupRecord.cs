using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Arm.State;

/// <summary>A resource group held by the emulator.</summary>
internal sealed record ResourceGroupRecord(string SubscriptionId, string Name, string Location, JsonObject? Tags);
