using System.Globalization;
using System.Text;

namespace DigitForge.Application.Experiments;

/// <summary>
/// A job's log: timestamped lines kept in memory, stored as the run's <c>logs/job.log</c> artifact by the runner
/// (while it runs, so a killed job leaves the lines written before), and echoed to a sink (the worker's console).
/// </summary>
public sealed class JobLog(TimeProvider clock, Action<string>? echo = null)
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();
    private int _version;

    /// <summary>Bumped on every write, so the runner uploads only when something changed.</summary>
    public int Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public void Write(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        string stamped = string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {line}");
        lock (_lock)
        {
            _text.Append(stamped).Append('\n');
            _version++;
        }

        echo?.Invoke(stamped);
    }

    /// <summary>A line echoed by another job's log without its timestamp (this log stamps it again).</summary>
    public static string WithoutStamp(string stamped)
    {
        ArgumentNullException.ThrowIfNull(stamped);
        int space = stamped.IndexOf(' ', StringComparison.Ordinal);
        return space == StampLength ? stamped[(space + 1)..] : stamped;
    }

    private const int StampLength = 24; // yyyy-MM-ddTHH:mm:ss.fffZ

    public byte[] Snapshot()
    {
        lock (_lock)
        {
            return Encoding.UTF8.GetBytes(_text.ToString());
        }
    }
}
