using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Host.TestApp;

/// <summary>The HTTP entry points the host's tests call.</summary>
public static class HttpFunctions
{
    [Function("StartFanOut")]
    public static async Task<IActionResult> StartFanOutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "fanout/{count:int}")] HttpRequest request,
        int count,
        [DurableClient] DurableTaskClient client)
    {
        int? crashAt = int.TryParse(request.Query["crashAt"], out int at) ? at : null;
        string instanceId = await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(FanOutOrchestrator), new FanOutRequest(count, crashAt));
        if (request.Query.ContainsKey("checkStatus"))
        {
            HttpManagementPayload payload = client.CreateHttpManagementPayload(instanceId);
            return new ObjectResult(payload) { StatusCode = (int)HttpStatusCode.Accepted };
        }

        return new AcceptedResult($"/api/fanout/{instanceId}", new { id = instanceId });
    }

    [Function("GetFanOut")]
    public static async Task<IActionResult> GetFanOutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "fanout/{instanceId}")] HttpRequest request,
        string instanceId,
        [DurableClient] DurableTaskClient client)
    {
        OrchestrationMetadata? metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        if (metadata is null)
        {
            return new NotFoundResult();
        }

        return new OkObjectResult(new
        {
            status = metadata.RuntimeStatus.ToString(),
            output = metadata.IsCompleted ? metadata.ReadOutputAs<FanOutResult>() : null,
        });
    }

    [Function("Status")]
    public static IActionResult Status(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/{code:int}")] HttpRequest request,
        int code)
    {
        string greeting = Environment.GetEnvironmentVariable("TestApp__Greeting") ?? "none";
        return new ObjectResult(new
        {
            code,
            greeting,
            method = request.Method,
            traceparent = request.Headers["traceparent"].ToString(),
            query = request.Query["q"].ToString(),
        })
        { StatusCode = code };
    }

    [Function("Echo")]
    public static async Task<IActionResult> EchoAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", "put", Route = "echo")] HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return new ContentResult { Content = await reader.ReadToEndAsync(), ContentType = "text/plain", StatusCode = 200 };
    }

    [Function("AdminOnly")]
    public static IActionResult AdminOnly(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "secret")] HttpRequest request) =>
        new OkObjectResult(new { admin = true });

    [Function("Throw")]
    public static IActionResult Throw(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "throw")] HttpRequest request) =>
        throw new InvalidOperationException("TestApp: this trigger always throws");

    [Function("Crash")]
    public static IActionResult Crash(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "crash")] HttpRequest request)
    {
        Environment.FailFast("TestApp: crashing the worker on purpose");
        return new OkResult();
    }

    [Function("DefaultRoute")]
    public static IActionResult DefaultRoute(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequest request) =>
        new OkObjectResult(new { function = "DefaultRoute" });

    [Function("Slow")]
    public static async Task<IActionResult> SlowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{milliseconds:int}")] HttpRequest request,
        int milliseconds)
    {
        await Task.Delay(milliseconds);
        return new OkObjectResult(new { waited = milliseconds });
    }
}
