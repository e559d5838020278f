using System.Text;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Messaging.Events;

namespace ClusterFunctions.Messaging.Tests.Events;

/// <summary>The CloudEvents envelope: types, subject, deterministic ids, and no credentials in endpoints.</summary>
public sealed class ClusterCloudEventsTests
{
    [Fact]
    public void Encode_ReadyEvent_IsStructuredCloudEvents10()
    {
        var cloudEvent = ClusterCloudEvents.Create(ClusterEventTypes.Ready, ClusterEventSamples.Ready(), ClusterEventSamples.Start);

        var json = Encoding.UTF8.GetString(ClusterCloudEvents.Encode(cloudEvent).Span);
        var decoded = ClusterCloudEvents.Decode(Encoding.UTF8.GetBytes(json));
        var data = ClusterCloudEvents.ReadData(decoded)!;

        Assert.Contains("\"specversion\":\"1.0\"", json);
        Assert.Equal(ClusterEventTypes.Ready, decoded.Type);
        Assert.Equal("blue", decoded.Subject);
        Assert.Equal("/clusterfunctions", decoded.Source!.ToString());
        Assert.Equal("application/json", decoded.DataContentType);
        Assert.Equal("req-42", data.RequestId);
        Assert.Equal("production", data.Profile);
        Assert.Equal("sha256:abc", data.ProfileVersion);
        Assert.Equal(ClusterEventSamples.Start.AddMinutes(6), data.Steps[0].CompletedAt);
        Assert.Equal(StepState.Succeeded, data.Steps[1].State);
        Assert.Equal("https://blue-dns.hcp.westeurope.azmk8s.io:443", data.Endpoints["kubernetesApi"]);
        Assert.Contains("\"state\":\"succeeded\"", json);
    }

    [Fact]
    public void Create_EndpointCarryingCredentials_StripsThem()
    {
        var data = ClusterEventSamples.Ready(new Dictionary<string, string>
        {
            ["kubernetesApi"] = "https://admin:hunter2@api.blue.example:443/",
            ["portal"] = "https://portal.example/clusters/blue?sig=SECRETSIG&se=1",
        });

        var json = Encoding.UTF8.GetString(ClusterCloudEvents.Encode(ClusterCloudEvents.Create(ClusterEventTypes.Ready, data, ClusterEventSamples.Start)).Span);

        Assert.DoesNotContain("hunter2", json);
        Assert.DoesNotContain("SECRETSIG", json);
        Assert.Contains("https://api.blue.example/", json);
        Assert.Contains("https://portal.example/clusters/blue", json);
    }

    [Fact]
    public void Create_SameProgressTwice_GivesTheSameIdAndOtherProgressAnother()
    {
        var data = ClusterEventSamples.Ready();
        var once = ClusterCloudEvents.Create(ClusterEventTypes.StepProgressed, data, ClusterEventSamples.Start);
        var again = ClusterCloudEvents.Create(ClusterEventTypes.StepProgressed, data, ClusterEventSamples.Start.AddSeconds(5));
        var further = ClusterCloudEvents.Create(ClusterEventTypes.StepProgressed, data with { Steps = data.Steps.Take(1).ToList() }, ClusterEventSamples.Start);
        var ready = ClusterCloudEvents.Create(ClusterEventTypes.Ready, data, ClusterEventSamples.Start);

        Assert.Equal(once.Id, again.Id);
        Assert.NotEqual(once.Id, further.Id);
        Assert.NotEqual(once.Id, ready.Id);
    }

    [Fact]
    public void Create_UnknownType_NamesTheField()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterCloudEvents.Create("io.clusterfunctions.cluster.exploded", ClusterEventSamples.Ready(), ClusterEventSamples.Start));

        Assert.StartsWith("eventType: 'io.clusterfunctions.cluster.exploded' is not one of", error.Message);
    }

    [Fact]
    public void Create_ExpiringForAnotherExpiry_IsANewEvent_TheSameExpiryAgainIsARepeat()
    {
        var data = ClusterEventSamples.Ready() with { Steps = [], ExpiresAt = ClusterEventSamples.Start.AddHours(8) };
        var warned = ClusterCloudEvents.Create(ClusterEventTypes.Expiring, data, ClusterEventSamples.Start);
        var again = ClusterCloudEvents.Create(ClusterEventTypes.Expiring, data, ClusterEventSamples.Start.AddSeconds(5));
        var extended = ClusterCloudEvents.Create(ClusterEventTypes.Expiring, data with { ExpiresAt = ClusterEventSamples.Start.AddHours(12) }, ClusterEventSamples.Start);

        Assert.Equal(warned.Id, again.Id);
        Assert.NotEqual(warned.Id, extended.Id);
    }
}
