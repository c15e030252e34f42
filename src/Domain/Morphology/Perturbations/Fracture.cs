using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// Morpho-MNIST <c>Fracture(thickness=1.5, prune=2, num_frac=3)</c>: at <see cref="Count"/> skeleton pixels sampled
/// with replacement away from tips and forks (pruned by int(prune * scale) hi-res px; the whole skeleton when pruning
/// leaves nothing), cut a line perpendicular to the local stroke (orientation of the skeleton in a (4 scale + 1)^2
/// window) of half-length distance + 0.5 scale, with a disk brush of radius ceil((thickness * scale - 1) / 2).
/// </summary>
/// <remarks>
/// The brush is centred on each line pixel and clipped at the border, so a fracture near the edge cuts what is inside
/// instead of failing (the reference's PR #3 bug).
/// </remarks>
public sealed record Fracture(double Thickness = Fracture.DefaultThickness, double Prune = Fracture.DefaultPrune, int Count = Fracture.DefaultCount) : IMorphoPerturbation
{
    public const double DefaultThickness = 1.5;
    public const double DefaultPrune = 2;
    public const int DefaultCount = 3;
    private const int AngleWindow = 2;
    private const double Extension = 0.5;

    public string Name => "fracture";

    public bool[] Apply(ImageMorphology morph, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(morph);
        ArgumentNullException.ThrowIfNull(random);
        BinaryMorphology.MeanThicknessOrThrow(morph);
        int h = morph.HiresHeight, w = morph.HiresWidth, scale = morph.Scale;
        var pruned = SkeletonSampler.Prune(morph.Skeleton, h, w, (int)(Prune * scale));
        var coords = SkeletonSampler.Coordinates(pruned);
        if (coords.Count == 0)
        {
            coords = SkeletonSampler.Coordinates(morph.Skeleton);
        }

        int brush = (int)Math.Ceiling(((Thickness * scale) - 1) / 2);
        var result = (bool[])morph.BinaryImage.Clone();
        for (int k = 0; k < Count; k++)
        {
            int centre = coords[random.NextInt(coords.Count)];
            int ci = centre / w, cj = centre % w;
            double angle = LocalAngle(morph.Skeleton, h, w, ci, cj, AngleWindow * scale) + (Math.PI / 2);
            double length = Math.Sqrt(morph.SquaredDistance[centre]) + (Extension * scale);
            double ni = length * Math.Sin(angle), nj = length * Math.Cos(angle);
            int i0 = (int)(ci + ni), j0 = (int)(cj + nj), i1 = (int)(ci - ni), j1 = (int)(cj - nj);
            foreach (var (r, c) in Line(i0, j0, i1, j1))
            {
                BinaryMorphology.EraseDisk(result, h, w, r, c, brush);
            }
        }

        return result;
    }

    /// <summary>Orientation 0.5 atan2(2 u11, u20 - u02) of the skeleton pixels in the window of radius r around (i, j).</summary>
    private static double LocalAngle(ReadOnlySpan<bool> skeleton, int height, int width, int i, int j, int r)
    {
        double m00 = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int y = 0; y <= 2 * r; y++)
        {
            int rr = i - r + y;
            if (rr < 0 || rr >= height)
            {
                continue;
            }

            for (int x = 0; x <= 2 * r; x++)
            {
                int cc = j - r + x;
                if (cc >= 0 && cc < width && skeleton[(rr * width) + cc])
                {
                    m00++;
                    sx += x;
                    sy += y;
                    sxx += x * x;
                    sxy += x * y;
                    syy += y * y;
                }
            }
        }

        double mx = sx / m00, my = sy / m00;
        double u20 = (sxx / m00) - (mx * mx), u11 = (sxy / m00) - (mx * my), u02 = (syy / m00) - (my * my);
        return 0.5 * Math.Atan2(2 * u11, u20 - u02);
    }

    /// <summary>skimage's <c>draw.line</c> (Bresenham) from (r0, c0) to (r1, c1), both ends included.</summary>
    internal static List<(int Row, int Col)> Line(int r0, int c0, int r1, int c1)
    {
        bool steep = false;
        int r = r0, c = c0;
        int dr = Math.Abs(r1 - r0), dc = Math.Abs(c1 - c0);
        int sc = c1 - c > 0 ? 1 : -1;
        int sr = r1 - r > 0 ? 1 : -1;
        if (dr > dc)
        {
            steep = true;
            (c, r) = (r, c);
            (dc, dr) = (dr, dc);
            (sc, sr) = (sr, sc);
        }

        int d = (2 * dr) - dc;
        var points = new List<(int, int)>(dc + 1);
        for (int i = 0; i < dc; i++)
        {
            points.Add(steep ? (c, r) : (r, c));
            while (d >= 0)
            {
                r += sr;
                d -= 2 * dc;
            }

            c += sc;
            d += 2 * dr;
        }

        points.Add((r1, c1));
        return points;
    }
}
