using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Host.Functions;
using ClusterFunctions.Host.Worker;

namespace ClusterFunctions.Host.Tests;

public sealed class FunctionMetadataTests(SharedHostFixture fixture) : IClassFixture<SharedHostFixture>
{
    [Fact]
    public void ServedFunctions_AreExactlyTheWorkersOwn_NoListKeptByHand()
    {
        // functions.metadata is what the Worker SDK generated from the app's [Function] attributes at build time.
        using JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestAppHost.AppDirectory, "functions.metadata")));
        string[] declared = metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order().ToArray();

        Assert.Equal(declared, fixture.Host.Functions.Order().ToArray());
        Assert.Empty(fixture.Host.RefusedFunctions);
    }

    [Fact]
    public void UnservedTriggersAndBindings_AreRefusedByName()
    {
        WorkerFunction timer = Function("Nightly", """{"type":"timerTrigger","direction":"In","name":"timer"}""");
        WorkerFunction blobInput = Function("ReadBlob",
            """{"type":"httpTrigger","direction":"In","name":"req"}""", """{"type":"blob","direction":"In","name":"data"}""");
        WorkerFunction sessions = Function("Sessions",
            """{"type":"serviceBusTrigger","direction":"In","name":"message","queueName":"q","isSessionsEnabled":true}""");
        WorkerFunction batches = Function("Batches",
            """{"type":"serviceBusTrigger","direction":"In","name":"messages","queueName":"q","cardinality":"Many"}""");
        WorkerFunction queueOutput = Function("Enqueue",
            """{"type":"httpTrigger","direction":"In","name":"req"}""", """{"type":"queue","direction":"Out","name":"item"}""");
        WorkerFunction entity = Function("Counter", """{"type":"entityTrigger","direction":"In","name":"dispatcher"}""");
        WorkerFunction served = Function("Start",
            """{"type":"httpTrigger","direction":"In","name":"req"}""", """{"type":"durableClient","direction":"In","name":"client"}""",
            """{"type":"http","direction":"Out","name":"$return"}""");

        FunctionCatalog catalog = FunctionCatalog.From([timer, blobInput, sessions, batches, queueOutput, entity, served]);

        Assert.Equal(["Start"], catalog.Served.Select(f => f.Name));
        Assert.Equal("client", Assert.Single(catalog.Served[0].EngineInputs).Name);
        Assert.Contains(catalog.Refused, r => r.Contains("'Nightly'") && r.Contains("timerTrigger"));
        Assert.Contains(catalog.Refused, r => r.Contains("'ReadBlob'") && r.Contains("'blob'"));
        Assert.Contains(catalog.Refused, r => r.Contains("'Sessions'") && r.Contains("sessions or batches"));
        Assert.Contains(catalog.Refused, r => r.Contains("'Batches'") && r.Contains("sessions or batches"));
        Assert.Contains(catalog.Refused, r => r.Contains("'Enqueue'") && r.Contains("'queue'"));
        Assert.Contains(catalog.Refused, r => r.Contains("'Counter'") && r.Contains("entityTrigger"));
        Assert.Equal(6, catalog.Refused.Count);
    }

    private static WorkerFunction Function(string name, params string[] bindings) =>
        new(Guid.NewGuid().ToString(), name, bindings.Select(WorkerBinding.Parse).ToList());
}
