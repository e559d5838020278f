using System.Text.Json.Nodes;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Kubernetes.Readiness;

namespace ClusterFunctions.Kubernetes.Tests.Readiness;

public sealed class WorkloadRulesTests
{
    private static JsonObject Deployment(long generation, string status) =>
        JsonNode.Parse($$"""{"metadata":{"generation":{{generation}}},"spec":{"replicas":2},"status":{{status}}}""")!.AsObject();

    [Fact]
    public void Deployment_ControllerBehindGeneration_IsNotReadyEvenIfAvailable()
    {
        var (state, reason) = WorkloadRules.Deployment(Deployment(3, """
            {"observedGeneration":2,"updatedReplicas":2,"availableReplicas":2,"conditions":[{"type":"Available","status":"True"}]}
            """));

        Assert.Equal(GateState.NotReady, state);
        Assert.Equal("the controller has not observed generation 3 yet (observed 2)", reason);
    }

    [Fact]
    public void Deployment_ProgressDeadlineExceeded_Fails()
    {
        var (state, reason) = WorkloadRules.Deployment(Deployment(1, """
            {"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"web-1\" has timed out progressing."}]}
            """));

        Assert.Equal(GateState.Failed, state);
        Assert.Equal("ProgressDeadlineExceeded: ReplicaSet \"web-1\" has timed out progressing.", reason);
    }

    [Fact]
    public void Deployment_QuotaReplicaFailure_IsNotReadyRatherThanFailed()
    {
        var (state, reason) = WorkloadRules.Deployment(Deployment(1, """
            {"observedGeneration":1,"conditions":[{"type":"ReplicaFailure","status":"True","reason":"FailedCreate","message":"exceeded quota: compute"}]}
            """));

        Assert.Equal(GateState.NotReady, state);
        Assert.Equal("ReplicaFailure FailedCreate: exceeded quota: compute", reason);
    }

    [Fact]
    public void Deployment_AllReplicasUpdatedAndAvailable_IsReady()
    {
        var (state, _) = WorkloadRules.Deployment(Deployment(1, """
            {"observedGeneration":1,"updatedReplicas":2,"availableReplicas":2,"conditions":[{"type":"Available","status":"True"}]}
            """));

        Assert.Equal(GateState.Ready, state);
    }

    [Fact]
    public void StatefulSet_RevisionRollingOut_IsNotReady()
    {
        var statefulSet = JsonNode.Parse("""
            {"metadata":{"generation":1},"spec":{"replicas":1},
             "status":{"observedGeneration":1,"readyReplicas":1,"updatedReplicas":1,"currentRevision":"a","updateRevision":"b"}}
            """)!.AsObject();

        Assert.Equal(GateState.NotReady, WorkloadRules.StatefulSet(statefulSet).State);
    }
}
