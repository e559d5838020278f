using ClusterFunctions.Functions.Activities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>
/// With the catalog in Git: loads the ref's commit before the app serves anything (a start without a good catalog
/// fails, naming what is wrong), then fetches every Catalog:Git:PollInterval, the fallback for a webhook that is not
/// set up or a push whose delivery was lost.
/// </summary>
public sealed class CatalogPoller(CatalogSource catalog, IOptions<GitCatalogOptions> options, TimeProvider time, ILogger<CatalogPoller> logger) : BackgroundService
{
    private PeriodicTimer? timer;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!catalog.FromGit)
        {
            return;
        }

        await LoadFirstAsync(cancellationToken);
        // Started here, not in ExecuteAsync, which .NET 10 runs on another thread: the first interval counts from the
        // first load, whenever that thread gets going (a test's clock moved on before it did, and the poll never came).
        timer = new PeriodicTimer(options.Value.PollInterval, time);
        await base.StartAsync(cancellationToken);
    }

    public async Task LoadFirstAsync(CancellationToken cancellationToken = default)
    {
        var git = options.Value;
        CatalogRefreshResult result;
        try
        {
            result = await catalog.RefreshAsync(cancellationToken);
        }
        catch (GitCommandException e)
        {
            throw new CatalogUnavailableException([$"{GitCatalogOptions.Section}:Url: could not fetch '{git.Ref}' from {GitUrls.Redact(git.Url)}: {e.Message}"]);
        }

        if (result.Revision is null)
        {
            var problems = result.Refused?.Problems.Select(p => $"{GitCatalogOptions.Section}: commit {result.Refused.Revision} of '{git.Ref}': {p}").ToList() ?? [];
            throw new CatalogUnavailableException(problems.Count > 0 ? problems : [$"{GitCatalogOptions.Section}: no valid catalog at '{git.Ref}'"]);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await timer!.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await catalog.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The repository being away for a while is no reason to stop following it: the last good commit serves.
                logger.LogWarning("Catalog poll of {Repository} failed; commit {Revision} stays in force: {Error}",
                    GitUrls.Redact(options.Value.Url), catalog.Revision, e.Message);
            }
        }
    }

    public override void Dispose()
    {
        timer?.Dispose();
        base.Dispose();
    }
}
