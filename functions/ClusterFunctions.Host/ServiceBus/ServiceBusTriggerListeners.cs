using Azure.Messaging.ServiceBus;
using ClusterFunctions.Host.Functions;
using ClusterFunctions.Host.Hosting;
using ClusterFunctions.Host.Worker;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.ServiceBus;

/// <summary>
/// Serves <c>serviceBusTrigger</c> with the SDK's ServiceBusProcessor and the official extension's semantics:
/// peek-lock, lock renewal up to maxAutoLockRenewalDuration, maxConcurrentCalls at once; complete when the function
/// succeeds (unless it settled the message itself), abandon when it fails, so the delivery count climbs and the
/// broker dead-letters the message after max delivery.
/// </summary>
internal sealed class ServiceBusTriggerListeners : IAsyncDisposable
{
    private readonly List<(ServiceBusClient Client, ServiceBusProcessor Processor)> _running = [];
    private readonly IJobHost _engine;
    private readonly MessageSettlements _settlements;
    private readonly ILogger _log;

    private ServiceBusTriggerListeners(IJobHost engine, MessageSettlements settlements, ILogger log)
    {
        _engine = engine;
        _settlements = settlements;
        _log = log;
    }

    public static async Task<ServiceBusTriggerListeners> StartAsync(IEnumerable<HostedFunction> functions, IReadOnlyDictionary<string, string?> appSettings,
        ServiceBusTriggerOptions options, IJobHost engine, MessageSettlements settlements, ILogger log, CancellationToken cancellationToken)
    {
        var listeners = new ServiceBusTriggerListeners(engine, settlements, log);
        try
        {
            foreach (HostedFunction function in functions.Where(f => string.Equals(f.Trigger.Type, "serviceBusTrigger", StringComparison.OrdinalIgnoreCase)))
            {
                await listeners.StartOneAsync(function, appSettings, options, cancellationToken);
            }
        }
        catch
        {
            await listeners.DisposeAsync();
            throw;
        }

        return listeners;
    }

    public async ValueTask DisposeAsync()
    {
        foreach ((ServiceBusClient client, ServiceBusProcessor processor) in _running)
        {
            // Stops taking messages; those being processed finish (or their locks lapse and they come back).
            await processor.StopProcessingAsync();
            await processor.DisposeAsync();
            await client.DisposeAsync();
        }

        _running.Clear();
    }

    private async Task StartOneAsync(HostedFunction function, IReadOnlyDictionary<string, string?> appSettings, ServiceBusTriggerOptions options,
        CancellationToken cancellationToken)
    {
        WorkerBinding trigger = function.Trigger;
        string connectionName = trigger.Property("connection") ?? "ServiceBusConnection";
        ServiceBusClient client = Connect(connectionName, appSettings, function.Name);
        var processorOptions = new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false,
            MaxConcurrentCalls = options.MaxConcurrentCalls,
            PrefetchCount = options.PrefetchCount,
            MaxAutoLockRenewalDuration = options.MaxAutoLockRenewalDuration,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
        };
        string? queue = trigger.Property("queueName");
        ServiceBusProcessor processor = queue is { Length: > 0 }
            ? client.CreateProcessor(queue, processorOptions)
            : client.CreateProcessor(
                trigger.Property("topicName") ?? throw new HostConfigurationException($"function '{function.Name}': serviceBusTrigger names neither a queue nor a topic"),
                trigger.Property("subscriptionName") ?? throw new HostConfigurationException($"function '{function.Name}': serviceBusTrigger on a topic needs a subscription name"),
                processorOptions);
        bool autoComplete = trigger.Property("autoCompleteMessages") is { } flag && bool.TryParse(flag, out bool value) ? value : options.AutoCompleteMessages;
        processor.ProcessMessageAsync += args => HandleAsync(function.Name, args, autoComplete);
        processor.ProcessErrorAsync += args =>
        {
            _log.LogWarning("Service Bus listener of {FunctionName} on {EntityPath}: {Reason}", function.Name, args.EntityPath, args.Exception.Message);
            return Task.CompletedTask;
        };
        _running.Add((client, processor));
        await processor.StartProcessingAsync(cancellationToken);
        _log.LogInformation("{FunctionName}: serviceBusTrigger on {EntityPath} ({MaxConcurrentCalls} at once)",
            function.Name, processor.EntityPath, options.MaxConcurrentCalls);
    }

    private async Task HandleAsync(string functionName, ProcessMessageEventArgs args, bool autoComplete)
    {
        string lockToken = args.Message.LockToken;
        _settlements.Begin(args);
        bool succeeded = false;
        try
        {
            await _engine.CallAsync(functionName,
                new Dictionary<string, object?> { [FunctionTypeGenerator.CallParameter] = new ServiceBusFunctionCall(functionName, args.Message) },
                args.CancellationToken);
            succeeded = true;
        }
        catch (Exception e) when (e is FunctionInvocationException or WorkerProcessExitException or OperationCanceledException)
        {
            _log.LogWarning("{FunctionName} failed on message {MessageId} (delivery {DeliveryCount}): {Reason}",
                functionName, args.Message.MessageId, args.Message.DeliveryCount, (e.InnerException ?? e).Message.Split('\n')[0]);
        }
        finally
        {
            bool settledByFunction = _settlements.End(lockToken);
            if (!settledByFunction)
            {
                if (!succeeded)
                {
                    await args.AbandonMessageAsync(args.Message);
                }
                else if (autoComplete)
                {
                    await args.CompleteMessageAsync(args.Message);
                }
            }
        }
    }

    private static ServiceBusClient Connect(string connectionName, IReadOnlyDictionary<string, string?> appSettings, string functionName)
    {
        string? Setting(string name) =>
            appSettings.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value
            : Environment.GetEnvironmentVariable(name.Replace(":", "__", StringComparison.Ordinal)) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : null;

        if (Setting(connectionName) is { } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        // Identity-based, as Functions names it: NAME__fullyQualifiedNamespace with the app's managed identity (or the developer's login).
        if ((Setting(connectionName + ":fullyQualifiedNamespace") ?? Setting(connectionName + "__fullyQualifiedNamespace")) is { } fullyQualifiedNamespace)
        {
            return new ServiceBusClient(fullyQualifiedNamespace, new Azure.Identity.DefaultAzureCredential());
        }

        throw new HostConfigurationException(
            $"function '{functionName}': app setting '{connectionName}' is missing: set it to a Service Bus connection string, or set '{connectionName}__fullyQualifiedNamespace' to use an identity");
    }
}
