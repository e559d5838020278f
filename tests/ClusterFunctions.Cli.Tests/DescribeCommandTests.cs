using System.Text.Json.Nodes;
using ClusterFunctions.Cli.Commands;

namespace ClusterFunctions.Cli.Tests;

/// <summary>describe: one line per step, and for a step not done what it waits for or why it stopped.</summary>
public class DescribeCommandTests
{
    [Fact]
    public void Write_BuildWithARunningGateAPendingStepAndAFailure_ExplainsEachStep()
    {
        var status = JsonNode.Parse("""
            {"name":"demo","state":"Failed","operation":"create","requestId":"r-1","requestedBy":"tests","profile":"production","profileVersion":"abc123",
             "approvedBy":"lead",
             "steps":[
               {"name":"plan","state":"Succeeded","startedAt":"2026-12-04T10:00:00Z","completedAt":"2026-12-04T10:00:00.5Z"},
               {"name":"app/kafka","state":"Running","startedAt":"2026-12-04T10:01:00Z","waiting":"readiness gate: Deployment kafka/kafka: 0/1 available (40 s of 5 min)"},
               {"name":"app/redis","state":"Failed","startedAt":"2026-12-04T10:01:00Z","completedAt":"2026-12-04T10:03:00Z","error":"pods refused by Pod Security"},
               {"name":"verification","state":"Pending"}],
             "endpoints":{"fqdn":"demo.example"},
             "failure":{"step":"app/redis","cause":"pods refused by Pod Security","cleanedUp":["managed cluster deleted"]}}
            """)!;
        var output = new StringWriter();

        DescribeCommand.Write(status, output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();

        Assert.Equal("Cluster demo: Failed (create)", lines[0]);
        Assert.Contains("approved by lead", lines[1]);
        Assert.Matches(@"^  plan +Succeeded +0\.5 s$", lines[3]);
        Assert.Matches(@"^  app/kafka +Running +\S.* +waiting for readiness gate: Deployment kafka/kafka: 0/1 available \(40 s of 5 min\)$", lines[4]);
        Assert.Matches(@"^  app/redis +Failed +2 min 0 s +pods refused by Pod Security$", lines[5]);
        Assert.Matches(@"^  verification +Pending +not started$", lines[6]);
        Assert.Contains("  failed at app/redis: pods refused by Pod Security", lines);
        Assert.Contains("  cleaned up: managed cluster deleted", lines);
        Assert.Contains("  endpoint fqdn: demo.example", lines);
    }

    [Fact]
    public void Write_TerminatedBuild_SaysWhereItStoppedAndWhoTerminatedIt()
    {
        var status = JsonNode.Parse("""
            {"name":"demo","state":"Terminated","operation":"create","requestId":"r-1","requestedBy":"key:alice","profile":"developer","profileVersion":"abc123",
             "steps":[
               {"name":"plan","state":"Succeeded","startedAt":"2026-12-04T10:00:00Z","completedAt":"2026-12-04T10:00:00.5Z"},
               {"name":"infrastructure","state":"Failed","startedAt":"2026-12-04T10:00:01Z","completedAt":"2026-12-04T10:02:01Z","error":"terminated by key:alice: no longer needed"},
               {"name":"namespaces","state":"Skipped"}],
             "failure":{"step":"infrastructure","cause":"terminated by key:alice: no longer needed","cleanedUp":["nothing: the build was terminated before it could clean up; ./cluster delete demo removes what it created"]}}
            """)!;
        var output = new StringWriter();

        DescribeCommand.Write(status, output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToList();

        Assert.Equal("Cluster demo: Terminated (create)", lines[0]);
        Assert.Matches(@"^  infrastructure +Failed +2 min 0 s +terminated by key:alice: no longer needed$", lines[4]);
        Assert.Contains("  stopped at infrastructure: terminated by key:alice: no longer needed", lines);
        Assert.Contains("  cleaned up: nothing: the build was terminated before it could clean up; ./cluster delete demo removes what it created", lines);
    }

    [Fact]
    public void Write_ClusterWithAnExpiry_SaysWhenItExpiresAndHowToExtend()
    {
        var status = JsonNode.Parse("""
            {"name":"demo","state":"Ready","operation":"create","requestId":"r-1","requestedBy":"key:alice","profile":"developer","profileVersion":"abc123",
             "expiresAt":"2026-12-04T18:00:00+00:00","steps":[{"name":"plan","state":"Succeeded"}]}
            """)!;
        var output = new StringWriter();

        DescribeCommand.Write(status, output);

        Assert.Contains("  expires at 2026-12-04 18:00:00Z (./cluster extend demo 4h pushes it back)", output.ToString().Split('\n').Select(l => l.TrimEnd()));
    }
}
