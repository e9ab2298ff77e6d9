namespace VideoEditor.Media.FFmpeg;

/// <summary>
/// The last few lines a program wrote to its standard error, which is what a failed run reports: bounded, however much
/// it writes. Lines may arrive on another thread than the one that reads them.
/// </summary>
internal sealed class LastLines
{
    private const int Kept = 5;

    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > Kept)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The lines joined, or <paramref name="none"/> when the program wrote nothing.</summary>
    public string Describe(string none)
    {
        lock (_lines)
        {
            return _lines.Count > 0 ? string.Join(" | ", _lines) : none;
        }
    }
}
