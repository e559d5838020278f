using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ClusterFunctions.Host.TestApp;

/// <summary>Calls an activity that always throws, and reports what the orchestrator was told about the failure: the
/// exception type and message the activity threw should reach it, so retry policies can tell failures apart.</summary>
public static class FailureOrchestrator
{
    [Function(nameof(FailureOrchestrator))]
    public static async Task<FailureReport> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        try
        {
            await context.CallActivityAsync(nameof(FailingActivity), "input");
            return new FailureReport("(none)", "", CausedByInvalidOperation: false);
        }
        catch (TaskFailedException e)
        {
            return new FailureReport(e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage, e.FailureDetails.IsCausedBy<InvalidOperationException>());
        }
    }

    [Function(nameof(FailingActivity))]
    public static void FailingActivity([ActivityTrigger] string input) =>
        throw new InvalidOperationException("the activity failed on purpose");
}

/// <summary>Output of <see cref="FailureOrchestrator"/>.</summary>
public sealed record FailureReport(string ErrorType, string ErrorMessage, bool CausedByInvalidOperation);
