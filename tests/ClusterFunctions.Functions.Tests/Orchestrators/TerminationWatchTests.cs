using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

/// <summary>The announcer's watermark: every terminated build is announced once, even when a publish fails or a termination shows up late.</summary>
public class TerminationWatchTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-04T10:00:00Z");
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    private static TerminatedBuild Build(string name, DateTimeOffset at) =>
        new($"cluster-{name}", at, new PublishClusterEventRequest(ClusterEventTypes.Failed, new ClusterEventData(name, name, "developer", "", [], new Dictionary<string, string>(), null)));

    [Fact]
    public void Start_LooksAtEveryTerminatedBuild()
    {
        Assert.Equal(DateTimeOffset.MinValue, TerminationWatch.Start(Poll).Since);
    }

    [Fact]
    public void After_EveryOwedEventPublished_MovesTheWatermarkToTheLatestTerminationAndRemembersWhatItAnnounced()
    {
        var a = Build("a", Now);
        var found = new TerminatedBuildsResult([a], Now.AddSeconds(5), TimeSpan.FromSeconds(3));

        var next = TerminationWatch.Start(Poll).After(found, [new AnnouncedTermination(a.InstanceId, a.TerminatedAt)]);

        Assert.Equal(Now.AddSeconds(5), next.Watermark);
        Assert.Equal(Now.AddSeconds(5) - TerminationWatch.Overlap, next.Since);
        Assert.Equal([new AnnouncedTermination("cluster-a", Now)], next.Announced);
        Assert.Equal(TimeSpan.FromSeconds(3), next.PollInterval);
        Assert.Equal(1, next.Turn);
    }

    [Fact]
    public void After_APublishFailed_KeepsTheWatermarkSoTheBuildIsFoundAgain_AndRemembersTheOnesThatWentOut()
    {
        var watch = new TerminationWatch(Now, [], Poll);
        var (a, b) = (Build("a", Now.AddSeconds(1)), Build("b", Now.AddSeconds(2)));

        var next = watch.After(new TerminatedBuildsResult([a, b], b.TerminatedAt, Poll), [new AnnouncedTermination(a.InstanceId, a.TerminatedAt)]);

        Assert.Equal(Now, next.Watermark);
        Assert.Equal([new AnnouncedTermination("cluster-a", a.TerminatedAt)], next.Announced);
    }

    [Fact]
    public void After_AnnouncementsOlderThanTheOverlap_AreForgotten_NewerOnesKept()
    {
        var old = new AnnouncedTermination("cluster-old", Now - TerminationWatch.Overlap - TimeSpan.FromSeconds(1));
        var recent = new AnnouncedTermination("cluster-recent", Now.AddSeconds(-1));
        var watch = new TerminationWatch(Now.AddSeconds(-1), [old, recent], Poll);

        var next = watch.After(new TerminatedBuildsResult([], Now, Poll), []);

        Assert.Equal([recent], next.Announced);
    }

    [Fact]
    public void After_NothingTerminatedSince_KeepsTheWatermark()
    {
        var watch = new TerminationWatch(Now, [], Poll);

        var next = watch.After(new TerminatedBuildsResult([], null, Poll), []);

        Assert.Equal(Now, next.Watermark);
    }

    [Fact]
    public void HasAnnounced_TheAnnouncedAndThoseBehindTheOverlap_ButNotOneInTheWindowItHasNotPublished()
    {
        var watch = new TerminationWatch(Now, [new AnnouncedTermination("cluster-a", Now.AddSeconds(-1))], Poll);

        Assert.True(watch.HasAnnounced("cluster-a", Now.AddSeconds(-1)));
        Assert.True(watch.HasAnnounced("cluster-old", Now - TerminationWatch.Overlap - TimeSpan.FromSeconds(1)));
        Assert.False(watch.HasAnnounced("cluster-a", Now.AddSeconds(2))); // the name reused and terminated again
        Assert.False(watch.HasAnnounced("cluster-late", Now.AddSeconds(-2)));
        Assert.False(TerminationWatch.Start(Poll).HasAnnounced("cluster-a", Now));
    }
}
