using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>zigzag</c>: a zigzag (tooth length a = 2, height b = 2) along a baseline from (col 2, r0) to
/// (col W-3, r1), r0 = NumPy <c>randint(0, H-1)</c>, r1 = r0 + <c>randint(-5, 5)</c> (-5..4), each segment drawn with
/// <see cref="LineFromPoints"/>, added to x/255 and clipped after every segment. No severities in the reference.
/// </summary>
/// <remarks>
/// Vertices as the reference: (0, 0), then ((2i+1)a, (-1)^i b) for i = 0..floor((d-a)/(2a)), then, when d is not a
/// multiple of 2a, the end vertex (d, r_last / (2 (d - max_c))) with max_c = 2a floor(d/(2a)) (the reference's odd
/// end point, kept); d = (c1-c0)/cos(theta), theta = atan((r1-r0)/(c1-c0)); all rotated by theta and shifted to
/// (c0, r0).
/// </remarks>
[BuiltInCorruption]
public sealed class ZigzagCorruption : ICorruption
{
    private const double ToothLength = 2;
    private const double ToothHeight = 2;
    private const int StartColumn = 2;

    public string Name => "zigzag";

    public string Description => "Adds a white zigzag line across the image at a random height and slope.";

    public int DefaultSeverity => 1;

    public int MaxSeverity => 1;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, MaxSeverity);
        int r0 = random.NextInt(image.Height - 1);
        int r1 = r0 + random.NextInt(10) - 5;
        return Apply(image, r0, r1);
    }

    /// <summary>The zigzag from row <paramref name="r0"/> at column 2 to row <paramref name="r1"/> at column W-3.</summary>
    public static Raster Apply(Raster image, int r0, int r1)
    {
        ArgumentNullException.ThrowIfNull(image);
        int h = image.Height;
        int w = image.Width;
        int c1 = w - 3;
        const double a = ToothLength;
        const double b = ToothHeight;
        double theta = Math.Atan((double)(r1 - r0) / (c1 - StartColumn));
        double d = (c1 - StartColumn) / Math.Cos(theta);
        var cols = new List<double> { 0 };
        var rows = new List<double> { 0 };
        double lastRow = 0;
        int teeth = (int)Math.Floor((d - a) / (2 * a)) + 1;
        for (int i = 0; i < teeth; i++)
        {
            cols.Add(((2 * i) + 1) * a);
            lastRow = (i % 2 == 0 ? 1 : -1) * b;
            rows.Add(lastRow);
        }

        double maxC = 2 * a * Math.Floor(d / (2 * a));
        if (d != maxC)
        {
            cols.Add(d);
            rows.Add(lastRow / (2 * (d - maxC)));
        }

        double cos = Math.Cos(theta);
        double sin = Math.Sin(theta);
        var cs = new double[cols.Count];
        var rs = new double[cols.Count];
        for (int i = 0; i < cs.Length; i++)
        {
            cs[i] = (cos * cols[i]) + (-sin * rows[i]) + StartColumn;
            rs[i] = (sin * cols[i]) + (cos * rows[i]) + r0;
        }

        int channels = image.Channels;
        var pixels = image.Pixels;
        var unit = MnistCPixels.ToUnit(image);
        for (int s = 1; s < cs.Length; s++)
        {
            var line = LineFromPoints.Draw(h, w, cs[s - 1], rs[s - 1], cs[s], rs[s]);
            for (int i = 0; i < unit.Length; i++)
            {
                unit[i] = Math.Clamp(unit[i] + line[i / channels], 0.0, 1.0);
            }
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)(unit[i] * 255);
        }

        return image;
    }
}
