namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

/// <summary>Runs alone: it counts this process's inotify instances, which other tests' emulators would change.</summary>
[CollectionDefinition(nameof(FileWatcherTests), DisableParallelization = true)]
public sealed class FileWatcherTestsCollection;

[Collection(nameof(FileWatcherTests))]
public sealed class FileWatcherTests
{
    [Fact]
    public async Task StartAsync_ManyClusterApis_WatchNoConfigurationFiles()
    {
        // LocalCloud runs one API server per cluster in one process. Each watched appsettings.json for changes (one
        // inotify instance each), and Linux allows 128 per user: at 100 clusters a restarted LocalCloud could not
        // bring them all back.
        int before = InotifyInstances();

        var emulators = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => KubernetesEmulator.StartAsync()));
        int during = InotifyInstances();
        foreach (var emulator in emulators)
        {
            await emulator.DisposeAsync();
        }

        Assert.Equal(before, during);
    }

    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is "anon_inode:inotify");
}
