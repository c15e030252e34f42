using System.Globalization;

namespace DigitForge.Cli.Terminal;

/// <summary>
/// What the CLI's progress bars (<see cref="CountProgressBar"/>, <see cref="DownloadProgressBar"/>,
/// <see cref="TransferProgressBar"/>) do alike: on a terminal a 30-character bar redrawn at most every 100 ms; when
/// stderr is redirected one line per step (a quarter, say), so logs stay short. Not thread-safe: callers lock.
/// </summary>
internal sealed class ProgressDrawing
{
    private const int BarWidth = 30;
    private const long RedrawMilliseconds = 100;
    private bool _drawn;
    private long _lastDraw;
    private long _lastStep = -1;

    /// <summary>Whether a terminal line may be redrawn now: the first time, when <paramref name="force"/>d, or 100 ms after the last.</summary>
    public bool TimeToRedraw(bool force = false)
    {
        long now = Environment.TickCount64;
        if (_drawn && !force && now - _lastDraw < RedrawMilliseconds)
        {
            return false;
        }

        _drawn = true;
        _lastDraw = now;
        return true;
    }

    /// <summary>Whether <paramref name="step"/> differs from the last one a log line was printed for (and records it).</summary>
    public bool IsNewStep(long step)
    {
        if (step == _lastStep)
        {
            return false;
        }

        _lastStep = step;
        return true;
    }

    /// <summary>Starts counting steps afresh (a new file).</summary>
    public void ResetSteps() => _lastStep = -1;

    /// <summary>The quarter 0..4 that <paramref name="fraction"/> (0..1) has reached.</summary>
    public static int Quarter(double fraction) => (int)(fraction * 4);

    /// <summary><c>#</c> for the part done, <c>.</c> for the rest.</summary>
    public static string Bar(double fraction)
    {
        int filled = (int)(Math.Clamp(fraction, 0, 1) * BarWidth);
        return new string('#', filled) + new string('.', BarWidth - filled);
    }

    /// <summary>Decimal megabytes with one decimal, e.g. <c>9.9</c>.</summary>
    public static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.0", CultureInfo.InvariantCulture);
}
