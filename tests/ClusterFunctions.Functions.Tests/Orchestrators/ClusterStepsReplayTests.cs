using System.Text.Json;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

/// <summary>
/// A build in flight when this version is deployed replays the history the previous version wrote, where the create
/// and apply activities returned only what they started: the steps must make the calls that version made next.
/// </summary>
public class ClusterStepsReplayTests
{
    private static readonly ClusterPlan Plan = ClusterPlanRenderer.Render(CatalogLoader.Load(TestApps.Catalog).Catalog,
        new ClusterRequest("replay-1", "replay", "developer")).Plan!;

    private static readonly BundlePlan Gated = Plan.Levels.SelectMany(l => l.Bundles).First(b => b.Gate is not null);

    private static readonly GateCheckResult Ready = new(GateState.Ready, "ready", []);

    private static readonly InfrastructureState Running = new(InfrastructurePhase.Ready, "id", "Succeeded", "Running", "replay.example", []);

    [Fact]
    public async Task Install_WithAnApplyResultOfThePreviousVersion_ChecksTheGateAsThatVersionDidNext()
    {
        var context = Replaying(new()
        {
            [nameof(ApplyBundleActivity)] = new BundleApplyResult(Gated.Name, []),
            [nameof(CheckReadinessActivity)] = Ready,
        });

        var check = await Steps(context).InstallAsync("app/" + Gated.Name, Plan.ClusterName, Gated);

        Assert.Equal(GateState.Ready, check!.State);
        Assert.Equal([$"activity {nameof(ApplyBundleActivity)}", $"activity {nameof(CheckReadinessActivity)}"], context.Calls);
    }

    [Fact]
    public async Task Install_WhoseApplyCheckedAReadyGate_NeedsNoOtherActivity()
    {
        var context = Replaying(new() { [nameof(ApplyBundleActivity)] = new BundleInstallResult(new BundleApplyResult(Gated.Name, []), Ready) });

        await Steps(context).InstallAsync("app/" + Gated.Name, Plan.ClusterName, Gated);

        Assert.Equal([$"activity {nameof(ApplyBundleActivity)}"], context.Calls);
    }

    [Fact]
    public async Task Provision_WithACreateResultOfThePreviousVersion_ReadsTheStateAsThatVersionDidNext()
    {
        var context = Replaying(new()
        {
            [nameof(BeginInfrastructureActivity)] = InfrastructureCall<InfrastructureStartResult>.Succeeded(new(InfrastructureStartOutcome.Started, "id", "Creating")),
            [nameof(GetInfrastructureStateActivity)] = InfrastructureCall<InfrastructureState>.Succeeded(Running),
        });

        var state = await Steps(context).ProvisionAsync();

        Assert.Equal(InfrastructurePhase.Ready, state.Phase);
        Assert.Equal([$"activity {nameof(BeginInfrastructureActivity)}", $"activity {nameof(GetInfrastructureStateActivity)}"], context.Calls);
    }

    private static ClusterSteps Steps(RecordingOrchestrationContext context) => new(context,
        new BuildTimings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)),
        new InfrastructureRequest("replay-1", Plan.Infrastructure),
        new BuildProgress(context, "create", Plan.ClusterName, "replay-1", "developer"));

    /// <summary>
    /// Answers each activity with its recorded result passed through JSON into the type the caller asks for, as the
    /// engine hands a replayed result to the orchestrator.
    /// </summary>
    private static RecordingOrchestrationContext Replaying(Dictionary<string, object> results) =>
        new((name, type) => JsonSerializer.Deserialize(JsonSerializer.Serialize(results[name]), type));
}
