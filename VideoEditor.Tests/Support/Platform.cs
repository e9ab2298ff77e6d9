using System.Runtime.Versioning;

// The suite runs the real services of local mode (redis-server, prometheus, ffmpeg), which this project supports
// on Linux only.
[assembly: SupportedOSPlatform("linux")]
