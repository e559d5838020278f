namespace ClusterFunctions.Functions.Activities;

/// <summary>What verification found: the API server address, how many objects match the plan, and what does not.</summary>
public sealed record ClusterVerification(string ApiServer, int ObjectsVerified, IReadOnlyList<string> Problems);
