namespace ClusterFunctions.Host.TestApp;

/// <summary>
/// Lets a crash happen once per marker across worker restarts: the marker is a file in the directory named by
/// the TestApp__CrashMarkerDirectory setting, created atomically before the crash.
/// </summary>
public static class CrashMarker
{
    public static bool TryClaim(string name)
    {
        string? directory = Environment.GetEnvironmentVariable("TestApp__CrashMarkerDirectory");
        if (string.IsNullOrEmpty(directory))
        {
            return false;
        }

        try
        {
            using var marker = new FileStream(Path.Combine(directory, name), FileMode.CreateNew);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
