using ClusterFunctions.Durable.DependencyInjection;
using ClusterFunctions.Durable.Sqlite;
using ClusterFunctions.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterFunctions.Durable.Tests.DependencyInjection;

public sealed class RegistrationTests
{
    [Fact]
    public void AddDurableTask_WithoutStorageBackend_ThrowsNamingUseSqlite()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<InvalidOperationException>(() => services.AddDurableTask(b => b.AddOrchestratorFunc<int, int>("X", (_, x) => Task.FromResult(x))));

        Assert.Contains("UseSqlite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_DuplicateName_ThrowsNamingTheTask()
    {
        var registry = new DurableTaskRegistry().AddActivityFunc<int, int>("Twice", (_, x) => Task.FromResult(x));

        var ex = Assert.Throws<ArgumentException>(() => registry.AddActivityFunc<int, int>("twice", (_, x) => Task.FromResult(x)));

        Assert.Contains("'twice'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DurableTaskWorkerOptions.MaxConcurrentActivities))]
    [InlineData(nameof(DurableTaskWorkerOptions.MaxDequeueCount))]
    [InlineData(nameof(DurableTaskWorkerOptions.LockTimeout))]
    public void DurableTaskWorkerOptions_InvalidValue_ValidateNamesTheOption(string option)
    {
        var options = new DurableTaskWorkerOptions();
        switch (option)
        {
            case nameof(DurableTaskWorkerOptions.MaxConcurrentActivities):
                options.MaxConcurrentActivities = 0;
                break;
            case nameof(DurableTaskWorkerOptions.MaxDequeueCount):
                options.MaxDequeueCount = -1;
                break;
            default:
                options.LockTimeout = TimeSpan.FromMilliseconds(10);
                break;
        }

        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, ex.ParamName);
        Assert.Contains($"DurableTaskWorkerOptions.{option}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SqliteOrchestrationStore_UnknownSynchronousMode_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(
            () => new SqliteOrchestrationStore(new SqliteStoreOptions { DatabasePath = "x.db", Synchronous = "SOMETIMES" }, TimeProvider.System));

        Assert.Contains("SqliteStoreOptions.Synchronous", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDurableTask_ClientOnly_RegistersNoWorker()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTask(b =>
        {
            b.UseSqlite(DurableTestHost.NewDatabasePath());
            b.RunWorker = false;
        });
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<ClusterFunctions.Durable.Client.DurableTaskClient>());
        Assert.Null(provider.GetService<DurableTaskWorker>());
        Assert.Empty(provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>());
    }
}
