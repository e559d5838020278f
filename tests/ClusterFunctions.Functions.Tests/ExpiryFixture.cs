namespace ClusterFunctions.Functions.Tests;

/// <summary>The app with the expiry warning set to half an hour ahead instead of the default hour (Build:ExpiryWarning).</summary>
public sealed class ExpiryFixture : EmbeddedAppFixture
{
    public static readonly TimeSpan Warning = TimeSpan.FromMinutes(30);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Build:ExpiryWarning"] = "00:30:00" };
}
