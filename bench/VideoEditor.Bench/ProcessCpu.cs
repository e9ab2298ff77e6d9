using System.Globalization;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>CPU time a process has used, from <c>/proc/{pid}/stat</c>: what a load cost beyond its throughput.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of utime and stime; 100 on Linux for x86 and ARM.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds of <paramref name="pid"/> so far (0 when it is gone).</summary>
    public static double Seconds(int? pid)
    {
        if (pid is null)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // After "pid (name) ": state is field 3, utime field 14, stime field 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The Aspire dashboard the AppHost started (the OTLP receiver), if one runs.</summary>
    public static int? Dashboard() =>
        LocalMachine.ProcessesMentioning("Aspire.Dashboard")
            .Where(process => process.CommandLine.Split('\0')[0].EndsWith("Aspire.Dashboard", StringComparison.Ordinal))
            .Select(process => (int?)process.Pid)
            .FirstOrDefault();
}
