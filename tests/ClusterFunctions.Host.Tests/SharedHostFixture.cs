namespace ClusterFunctions.Host.Tests;

/// <summary>One host for the tests that do not kill anything: starting the worker and the engine takes seconds.</summary>
public sealed class SharedHostFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _state = new();

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await TestAppHost.StartAsync(_state.Path);
        Client = TestAppHost.Client(Host);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        _state.Dispose();
    }
}
