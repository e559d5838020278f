using System.Globalization;

namespace ClusterFunctions.Bench.Durable;

/// <summary>How much each scenario does; the defaults are the figures the issue asks for.</summary>
public sealed record BenchScale(int Chain, int FanOut, int Orchestrations, int IdleSamples, TimeSpan IdleTime)
{
    public static BenchScale Parse(IReadOnlyList<string> args)
    {
        var scale = new BenchScale(Chain: 100, FanOut: 1000, Orchestrations: 100, IdleSamples: 5, IdleTime: TimeSpan.FromSeconds(15));
        for (int i = 0; i + 1 < args.Count; i += 2)
        {
            int value = int.Parse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture);
            scale = args[i] switch
            {
                "--chain" => scale with { Chain = value },
                "--fanout" => scale with { FanOut = value },
                "--orchestrations" => scale with { Orchestrations = value },
                "--idle-samples" => scale with { IdleSamples = value },
                "--idle-seconds" => scale with { IdleTime = TimeSpan.FromSeconds(value) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return scale;
    }
}
