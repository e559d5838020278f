using System.Text;
using ClusterFunctions.Core.Ports;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Kubernetes.Tests;

public class KubernetesClientsTests
{
    [Fact]
    public void Rent_TheSameKubeconfigTwice_SharesOneClient()
    {
        var clients = new KubernetesClients(new FakeTimeProvider());
        using var connection = Connection("token-a");
        using var copy = connection.Copy();

        using var first = clients.Rent(connection);
        using var second = clients.Rent(copy);

        Assert.Same(first.Client, second.Client);
        Assert.Equal(1, clients.Count);
    }

    [Fact]
    public void Rent_OtherCredentialsForTheSameServer_GetsAClientOfTheirOwn()
    {
        var clients = new KubernetesClients(new FakeTimeProvider());
        using var rotated = Connection("token-b");
        using var original = Connection("token-a");

        using var first = clients.Rent(original);
        using var second = clients.Rent(rotated);

        Assert.NotSame(first.Client, second.Client);
    }

    [Fact]
    public void AClientIdleForItsLifetime_IsDropped_WhileAHeldOneIsKept()
    {
        var time = new FakeTimeProvider();
        var clients = new KubernetesClients(time);
        using var idle = Connection("token-idle");
        using var held = Connection("token-held");
        k8s.Kubernetes idleClient;
        using (var lease = clients.Rent(idle))
        {
            idleClient = lease.Client;
        }

        using var holding = clients.Rent(held);
        time.Advance(KubernetesClients.IdleLifetime);

        using var again = clients.Rent(idle);
        using var heldAgain = clients.Rent(held);

        Assert.NotSame(idleClient, again.Client);
        Assert.Same(holding.Client, heldAgain.Client);
    }

    [Fact]
    public void IdleClients_AreBounded()
    {
        var clients = new KubernetesClients(new FakeTimeProvider());
        for (var i = 0; i < KubernetesClients.MaxIdle + 10; i++)
        {
            using var connection = Connection($"token-{i}");
            clients.Rent(connection).Dispose();
        }

        using var last = Connection("token-last");
        using var lease = clients.Rent(last);

        Assert.Equal(KubernetesClients.MaxIdle + 1, clients.Count);
    }

    private static ClusterConnection Connection(string token) => new(Encoding.UTF8.GetBytes($$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: c
          cluster: { server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true }
        users:
        - name: u
          user: { token: "{{token}}" }
        contexts:
        - name: ctx
          context: { cluster: c, user: u }
        current-context: ctx
        """), null, new Uri("https://127.0.0.1:6443"));
}
