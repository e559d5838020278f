using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.Cli.Tests;

public sealed class EmulateCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"cli-emulate-{Guid.NewGuid():N}");

    [Fact]
    public async Task Emulate_DamagedStateInDataDirectory_PrintsOneErrorNamingTheFile()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "arm"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "arm", "state.json"), "{}");

        var run = await CliRun.RunAsync("emulate", "azure", "--data", _directory);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: The state file {Path.Combine(_directory, "arm", "state.json")} is damaged", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public async Task Emulate_DataDirectoryHeldByAnotherEmulator_IsRefused()
    {
        using var held = DataDirectoryLock.Acquire(Path.Combine(_directory, "kubernetes", "localcloud"), "Kubernetes API emulator");

        var run = await CliRun.RunAsync("emulate", "kubernetes", "--data", _directory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is in use by another Kubernetes API emulator", run.Error);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
