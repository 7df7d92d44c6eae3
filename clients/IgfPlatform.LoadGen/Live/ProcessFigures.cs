using System.Diagnostics;
using System.Globalization;

namespace IgfPlatform.LoadGen.Live;

/// <summary>What /proc says of a process on this machine: CPU time and resident memory.</summary>
public static class ProcessFigures
{
    /// <summary>CPU time so far (user and system); null when it cannot be read.</summary>
    public static double? CpuSeconds(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        try
        {
            // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in 1/100 s.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>The machine's load average over 1, 5 and 15 minutes: a shared machine's figures are read with it.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>This load generator's own CPU time, to tell when the clients rather than the server were the limit.</summary>
    public static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Resident memory in bytes: VmRSS of /proc/PID/status, and the anonymous part (RssAnon) where given.</summary>
    public static (long Rss, long Anonymous) Resident(int pid)
    {
        long rss = 0, anon = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = Kilobytes(line);
            }
        }

        return (rss, anon);
    }

    /// <summary>Proportional set size from smaps_rollup (shared pages counted by share); null when not readable.</summary>
    public static long? Pss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? null : Kilobytes(line);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
