using System.Globalization;
using static DigitForge.Cli.Terminal.ProgressDrawing;

namespace DigitForge.Cli.Terminal;

/// <summary>
/// Progress of a bundle being written, on stderr. On a terminal it redraws one line in place (bar and percentage when
/// the size is known, bytes and rate when not); when stderr is redirected it prints a line at every quarter (or every
/// 100 MB without a size) so logs stay short.
/// </summary>
internal sealed class TransferProgressBar(TextWriter writer, bool interactive, string label, long? total) : IProgress<long>
{
    private readonly long _started = Environment.TickCount64;
    private readonly ProgressDrawing _drawing = new();

    public static TransferProgressBar ForStandardError(string label, long? total) => new(Console.Error, !Console.IsErrorRedirected, label, total);

    public void Report(long value)
    {
        double seconds = Math.Max(0.001, (Environment.TickCount64 - _started) / 1000.0);
        string rate = Megabytes((long)(value / seconds)) + " MB/s";
        if (interactive)
        {
            if (!_drawing.TimeToRedraw())
            {
                return;
            }

            writer.Write(total is > 0 and var size
                ? Invariant($"\r{label} [{Bar((double)value / size)}] {(double)value / size,4:P0} {Megabytes(value)}/{Megabytes(size)} MB {rate}   ")
                : Invariant($"\r{label} {Megabytes(value)} MB {rate}   "));
            return;
        }

        long step = total is > 0 and var known ? value * 4 / known : value / 100_000_000;
        if (_drawing.IsNewStep(step))
        {
            writer.WriteLine(total is > 0 and var all
                ? Invariant($"{label}: {step * 25}% of {Megabytes(all)} MB")
                : Invariant($"{label}: {Megabytes(value)} MB"));
        }
    }

    /// <summary>Ends the line with the final figures.</summary>
    public void Complete(long value)
    {
        double seconds = Math.Max(0.001, (Environment.TickCount64 - _started) / 1000.0);
        string summary = Invariant($"{label}: {Megabytes(value)} MB in {seconds:0.0} s ({Megabytes((long)(value / seconds))} MB/s)");
        writer.WriteLine(interactive ? "\r" + summary + "          " : summary);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
