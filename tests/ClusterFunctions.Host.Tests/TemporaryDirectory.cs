namespace ClusterFunctions.Host.Tests;

/// <summary>A directory of the test's own, removed afterwards.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cf-host-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child may still hold a file for a moment; the system's temp cleanup takes it.
        }
    }
}
