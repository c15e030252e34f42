using System.Diagnostics;
using System.Globalization;
using static DigitForge.Cli.Terminal.ProgressDrawing;

namespace DigitForge.Cli.Terminal;

/// <summary>
/// A one-line progress bar on stderr for work counted in items (samples, rows), in the style of
/// <see cref="DownloadProgressBar"/>: on a terminal it redraws in place at most every 100 ms; when stderr is redirected
/// it prints a line at 0/25/50/75/100% so logs stay short. Thread-safe, since parallel generators report from any thread.
/// </summary>
internal sealed class CountProgressBar : IProgress<int>
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly string _label;
    private readonly string _unit;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly ProgressDrawing _drawing = new();
    private long _done;
    private bool _finished;

    public CountProgressBar(TextWriter writer, bool interactive, string label, long total, string unit)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _interactive = interactive;
        _label = label;
        _unit = unit;
        _total = Math.Max(0, total);
    }

    public static CountProgressBar ForStandardError(string label, long total, string unit) =>
        new(Console.Error, !Console.IsErrorRedirected, label, total, unit);

    /// <summary>Items done so far (reports may arrive out of order from parallel workers; the bar never goes back).</summary>
    public void Report(int value)
    {
        lock (_gate)
        {
            if (_finished || value <= _done)
            {
                return;
            }

            _done = Math.Min(value, _total);
            Draw(force: _done >= _total);
        }
    }

    /// <summary>Draws the final state (100% when everything was reported) and ends the line.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_finished)
            {
                return;
            }

            _done = _total;
            Draw(force: true);
        }
    }

    private void Draw(bool force)
    {
        double fraction = _total > 0 ? (double)_done / _total : 1;
        if (_interactive)
        {
            if (!_drawing.TimeToRedraw(force))
            {
                return;
            }

            _writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{_label} [{Bar(fraction)}] {fraction,4:P0} {_done:N0}/{_total:N0} {_unit} {_clock.Elapsed.TotalSeconds:F1} s"));
            if (_done >= _total)
            {
                _writer.WriteLine();
                _finished = true;
            }

            return;
        }

        int quarter = Quarter(fraction);
        if (_drawing.IsNewStep(quarter))
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{_label}: {quarter * 25}% of {_total:N0} {_unit} ({_clock.Elapsed.TotalSeconds:F1} s)"));
        }

        _finished = _done >= _total;
    }
}
