using System.Text.Json;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
        var context = new ScriptedContext(new()
        {
            [nameof(ApplyBundleActivity)] = new BundleApplyResult(Gated.Name, []),
            [nameof(CheckReadinessActivity)] = Ready,
        });

        var check = await Steps(context).InstallAsync("app/" + Gated.Name, Plan.ClusterName, Gated);

        Assert.Equal(GateState.Ready, check!.State);
        Assert.Equal([nameof(ApplyBundleActivity), nameof(CheckReadinessActivity)], context.Calls);
    }

    [Fact]
    public async Task Install_WhoseApplyCheckedAReadyGate_NeedsNoOtherActivity()
    {
        var context = new ScriptedContext(new() { [nameof(ApplyBundleActivity)] = new BundleInstallResult(new BundleApplyResult(Gated.Name, []), Ready) });

        await Steps(context).InstallAsync("app/" + Gated.Name, Plan.ClusterName, Gated);

        Assert.Equal([nameof(ApplyBundleActivity)], context.Calls);
    }

    [Fact]
    public async Task Provision_WithACreateResultOfThePreviousVersion_ReadsTheStateAsThatVersionDidNext()
    {
        var context = new ScriptedContext(new()
        {
            [nameof(BeginInfrastructureActivity)] = InfrastructureCall<InfrastructureStartResult>.Succeeded(new(InfrastructureStartOutcome.Started, "id", "Creating")),
            [nameof(GetInfrastructureStateActivity)] = InfrastructureCall<InfrastructureState>.Succeeded(Running),
        });

        var state = await Steps(context).ProvisionAsync();

        Assert.Equal(InfrastructurePhase.Ready, state.Phase);
        Assert.Equal([nameof(BeginInfrastructureActivity), nameof(GetInfrastructureStateActivity)], context.Calls);
    }

    private static ClusterSteps Steps(ScriptedContext context) => new(context,
        new BuildTimings(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), TimeSpan.FromHours(1)),
        new InfrastructureRequest("replay-1", Plan.Infrastructure),
        new BuildProgress(context, "create", Plan.ClusterName, "replay-1", "developer"));

    /// <summary>
    /// Answers each activity with a recorded result, passed through JSON into the type the caller asks for, as the
    /// engine hands a replayed result to the orchestrator; records the activities called and the timers started.
    /// </summary>
    private sealed class ScriptedContext(Dictionary<string, object> results) : TaskOrchestrationContext
    {
        public List<string> Calls { get; } = [];

        public override TaskName Name => "test";

        public override string InstanceId => "cluster-replay";

        public override ParentOrchestrationInstance? Parent => null;

        public override DateTime CurrentUtcDateTime => new(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);

        public override bool IsReplaying => true;

        protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

        public override T? GetInput<T>() where T : default => default;

        public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
        {
            Calls.Add(name.Name);
            return Task.FromResult(JsonSerializer.Deserialize<TResult>(JsonSerializer.Serialize(results[name.Name]))!);
        }

        public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
        {
            // A timer the previous version did not start would not replay either.
            Calls.Add("timer");
            return Task.CompletedTask;
        }

        public override void SetCustomStatus(object? customStatus)
        {
        }

        public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

        public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
            throw new NotSupportedException();

        public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

        public override Guid NewGuid() => Guid.Empty;
    }
}
