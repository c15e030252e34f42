using DigitForge.Application.DataSources;
using System.Globalization;
using DigitForge.Infrastructure.Data;
using static DigitForge.Cli.Terminal.ProgressDrawing;

namespace DigitForge.Cli.Terminal;

/// <summary>
/// A one-line progress bar on stderr for downloads. On a terminal it redraws in place; when stderr is redirected
/// (CI logs) it prints a line per file at 0/25/50/75/100% so logs stay short.
/// </summary>
internal sealed class DownloadProgressBar : IProgress<DownloadProgress>
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly ProgressDrawing _drawing = new();
    private string? _file;

    public DownloadProgressBar(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
    }

    public static DownloadProgressBar ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    public void Report(DownloadProgress value)
    {
        if (value.File != _file)
        {
            if (_file is not null && _interactive)
            {
                _writer.WriteLine();
            }

            _file = value.File;
            _drawing.ResetSteps();
        }

        double fraction = value.TotalBytes > 0 ? Math.Clamp((double)value.BytesDone / value.TotalBytes, 0, 1) : 0;
        if (_interactive)
        {
            if (!_drawing.TimeToRedraw(force: fraction >= 1))
            {
                return;
            }

            _writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{value.File,-28} [{Bar(fraction)}] {fraction,4:P0} {Megabytes(value.BytesDone)}/{Megabytes(value.TotalBytes)} MB"));
            if (fraction >= 1)
            {
                _writer.WriteLine();
                _file = null;
            }

            return;
        }

        int quarter = Quarter(fraction);
        if (_drawing.IsNewStep(quarter))
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{value.File}: {quarter * 25}% of {Megabytes(value.TotalBytes)} MB from {value.Mirror.Host}"));
        }
    }
}
