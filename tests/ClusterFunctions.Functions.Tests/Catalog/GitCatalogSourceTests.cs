using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>CatalogSource on a real local repository: the first commit, a good push taken into use, a broken one refused.</summary>
public sealed class GitCatalogSourceTests : IDisposable
{
    private readonly CatalogRepository repository = CatalogRepository.Create();
    private readonly CapturingLoggerProvider logs = new();
    private readonly ILoggerFactory loggerFactory;
    private GitCatalogOptions options = new();

    public GitCatalogSourceTests()
    {
        loggerFactory = LoggerFactory.Create(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
    }

    [Fact]
    public async Task FirstRefresh_ServesTheRefsCommit()
    {
        var source = Source();

        var result = await source.RefreshAsync();
        var loaded = source.LoadWithRevision();

        Assert.Equal(repository.Head, result.Revision);
        Assert.Equal(repository.Head, loaded.Revision);
        Assert.Empty(loaded.Result.Problems);
        Assert.Contains("developer", loaded.Result.Catalog.Profiles.Keys);
    }

    [Fact]
    public async Task NewValidCommit_IsTakenIntoUseOnRefresh()
    {
        var source = Source();
        await source.RefreshAsync();
        var first = repository.Head;

        var second = repository.CommitDescription("Moved by a push.");
        var result = await source.RefreshAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(second, result.Revision);
        Assert.Null(result.Refused);
        Assert.Equal("Moved by a push.", Description(source));
    }

    [Fact]
    public async Task InvalidCommit_IsRefusedWithItsProblems_AndTheLastGoodStaysInForce()
    {
        var source = Source();
        await source.RefreshAsync();
        var good = repository.Head;

        var broken = repository.CommitBrokenYaml();
        var result = await source.RefreshAsync();

        Assert.Equal(good, result.Revision);
        Assert.Equal(broken, result.Head);
        Assert.Equal(broken, result.Refused?.Revision);
        Assert.Contains(result.Refused!.Problems, p => p.File.Contains("developer.yaml", StringComparison.Ordinal));
        Assert.Equal(good, source.Revision);
        Assert.Empty(source.Load().Problems);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains(broken, StringComparison.Ordinal) && l.Contains("developer.yaml", StringComparison.Ordinal));

        // The fix after the broken commit is taken into use.
        var fixedCommit = repository.Commit("profiles/developer.yaml", _ => File.ReadAllText(Path.Combine(TestApps.Catalog, "profiles", "developer.yaml")), "repair the developer profile");
        Assert.Equal(fixedCommit, (await source.RefreshAsync()).Revision);
    }

    [Fact]
    public async Task CommitWithoutTheCatalogFolder_IsRefusedNamingThePathSetting()
    {
        var source = Source(o => o.Path = "no/such/folder");

        var result = await source.RefreshAsync();

        Assert.Null(result.Revision);
        Assert.Contains(result.Refused!.Problems, p => p.Message.Contains("Catalog:Git:Path", StringComparison.Ordinal));
        Assert.NotEmpty(source.Load().Problems);
    }

    [Fact]
    public async Task FirstLoad_OfABrokenCommit_FailsTheStartListingTheProblems()
    {
        repository.CommitBrokenYaml();
        var poller = Poller(Source());

        var error = await Assert.ThrowsAsync<CatalogUnavailableException>(() => poller.LoadFirstAsync());

        Assert.Contains(error.Problems, p => p.Contains(repository.Head, StringComparison.Ordinal) && p.Contains("developer.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FirstLoad_OfAnUnreachableRepository_FailsTheStartNamingTheUrlSetting()
    {
        var poller = Poller(Source(o => o.Url = new Uri(Path.Combine(repository.Root, "missing")).AbsoluteUri));

        var error = await Assert.ThrowsAsync<CatalogUnavailableException>(() => poller.LoadFirstAsync());

        Assert.StartsWith("Catalog:Git:Url:", Assert.Single(error.Problems));
    }

    [Fact]
    public async Task Poll_TakesANewCommitIntoUse_EveryPollInterval()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var source = Source(o => o.PollInterval = TimeSpan.FromMinutes(1));
        using var poller = new CatalogPoller(source, Options.Create(options), clock, loggerFactory.CreateLogger<CatalogPoller>());
        await poller.StartAsync(CancellationToken.None);
        var first = source.Revision;

        var second = repository.CommitDescription("Found by the poll.");
        var unchangedBeforeTheInterval = source.Revision;
        clock.Advance(TimeSpan.FromMinutes(1));
        await Polling.UntilAsync(() => Task.FromResult(source.Revision == second), "the poll takes the new commit into use");
        await poller.StopAsync(CancellationToken.None);

        Assert.Equal(repository.Head, second);
        Assert.NotEqual(first, second);
        Assert.Equal(first, unchangedBeforeTheInterval);
    }

    [Fact]
    public async Task FolderCatalog_HasNoRevision_AndRefreshChangesNothing()
    {
        var source = new CatalogSource(Options.Create(new BuildOptions { CatalogDirectory = TestApps.Catalog }), Options.Create(new GitCatalogOptions()), TimeProvider.System, loggerFactory.CreateLogger<CatalogSource>());

        var result = await source.RefreshAsync();

        Assert.Null(result.Revision);
        Assert.Null(source.LoadWithRevision().Revision);
        Assert.Empty(source.Load().Problems);
    }

    public void Dispose()
    {
        loggerFactory.Dispose();
        repository.Dispose();
    }

    private static string? Description(CatalogSource source) => source.Load().Catalog.Profiles["developer"].Root["description"]?.GetValue<string>();

    private CatalogSource Source(Action<GitCatalogOptions>? configure = null)
    {
        options = new GitCatalogOptions { Url = repository.Url, Path = CatalogRepository.CatalogPath, CacheDirectory = repository.CacheDirectory };
        configure?.Invoke(options);
        return new CatalogSource(Options.Create(new BuildOptions()), Options.Create(options), TimeProvider.System, loggerFactory.CreateLogger<CatalogSource>());
    }

    private CatalogPoller Poller(CatalogSource source) =>
        new(source, Options.Create(options), TimeProvider.System, loggerFactory.CreateLogger<CatalogPoller>());
}
