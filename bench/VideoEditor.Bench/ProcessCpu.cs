using System.Globalization;
using VideoEditor.Tests.Support;

namespace VideoEditor.Bench;

/// <summary>CPU time a process has used, from <c>/proc/{pid}/stat</c>: what a load cost beyond its throughput.</summary>
public static class ProcessCpu
{
    // USER_HZ: the unit of utime and stime; 100 on Linux for x86 and ARM.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU seconds of <paramref name="pid"/> so far (0 when it is gone).</summary>
    public static double Seconds(int? pid) =>
        pid is { } id && LocalMachine.StatFields(id) is { } fields
            // utime and stime: fields 14 and 15 of the whole line.
            ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond
            : 0;
}
