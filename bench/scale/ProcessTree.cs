using System.Globalization;

namespace ClusterFunctions.Bench.Scale;

/// <summary>CPU time and signals for a process and its descendants, read from /proc (Linux).</summary>
internal static class ProcessTree
{
    // /proc/PID/stat counts in clock ticks; USER_HZ is 100 on Linux.
    private const double TicksPerSecond = 100;

    /// <summary>User + system CPU seconds of <paramref name="root"/> and every live process under it, plus what its
    /// reaped children used.</summary>
    public static double CpuSeconds(int root)
    {
        var stats = ReadAll();
        return Descendants(stats, root).Sum(pid => stats[pid].Ticks) / TicksPerSecond;
    }

    /// <summary>User + system CPU seconds of one process alone (not its children).</summary>
    public static double OwnCpuSeconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>A process under <paramref name="root"/> whose command line holds <paramref name="argument"/>, if any.</summary>
    public static int? FindDescendant(int root, string argument)
    {
        foreach (int pid in Descendants(ReadAll(), root))
        {
            try
            {
                string[] command = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
                // The watchdog shell that started the process carries the same arguments; the process is not a shell.
                if (pid != root && command[0] != "/bin/sh" && command.Any(a => a.EndsWith(argument, StringComparison.Ordinal)))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }

        return null;
    }

    private static HashSet<int> Descendants(Dictionary<int, (int Parent, long Ticks)> stats, int root)
    {
        var tree = new HashSet<int> { root };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (pid, stat) in stats)
            {
                if (!tree.Contains(pid) && tree.Contains(stat.Parent))
                {
                    tree.Add(pid);
                    grew = true;
                }
            }
        }

        tree.IntersectWith(stats.Keys);
        return tree;
    }

    /// <summary>Busy and total CPU seconds of the whole machine since boot (all cores), from /proc/stat.</summary>
    public static (double Busy, double Total) MachineCpuSeconds()
    {
        string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long[] values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        long idle = values[3] + values[4];
        long total = values.Sum();
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }

    public static void Signal(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static Dictionary<int, (int Parent, long Ticks)> ReadAll()
    {
        var stats = new Dictionary<int, (int, long)>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            try
            {
                string stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // The command name is in parentheses and may hold spaces; the fields after the last ')' are fixed.
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                int parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                long ticks = fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture)); // utime stime cutime cstime
                stats[pid] = (parent, ticks);
            }
            catch (IOException)
            {
                // The process ended while we read.
            }
        }

        return stats;
    }
}
