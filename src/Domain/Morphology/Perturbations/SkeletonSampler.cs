using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>Morpho-MNIST's <c>LocationSampler</c>: uniform skeleton pixels, optionally away from tips and forks.</summary>
internal static class SkeletonSampler
{
    /// <summary>One skeleton pixel (raster order indexing, uniform choice).</summary>
    public static (int Row, int Col) Sample(ReadOnlySpan<bool> skeleton, int width, KeyedRandom random)
    {
        var coords = Coordinates(skeleton);
        if (coords.Count == 0)
        {
            throw new MorphologyException("the image has no skeleton");
        }

        int i = coords[random.NextInt(coords.Count)];
        return (i / width, i % width);
    }

    /// <summary>Raster indices of the set pixels.</summary>
    public static List<int> Coordinates(ReadOnlySpan<bool> skeleton)
    {
        var coords = new List<int>();
        for (int i = 0; i < skeleton.Length; i++)
        {
            if (skeleton[i])
            {
                coords.Add(i);
            }
        }

        return coords;
    }

    /// <summary>
    /// The skeleton with disk(radius) erased around its tips (exactly 1 neighbour), then around the forks (exactly 3
    /// neighbours) of what is left.
    /// </summary>
    public static bool[] Prune(ReadOnlySpan<bool> skeleton, int height, int width, int radius)
    {
        var pruned = skeleton.ToArray();
        foreach (int neighbours in (ReadOnlySpan<int>)[1, 3])
        {
            var seeds = new List<int>();
            for (int i = 0; i < pruned.Length; i++)
            {
                if (pruned[i] && Neighbours(pruned, height, width, i / width, i % width) == neighbours)
                {
                    seeds.Add(i);
                }
            }

            foreach (int s in seeds)
            {
                BinaryMorphology.EraseDisk(pruned, height, width, s / width, s % width, radius);
            }
        }

        return pruned;
    }

    public static int Neighbours(ReadOnlySpan<bool> image, int height, int width, int r, int c)
    {
        int n = 0;
        for (int dr = -1; dr <= 1; dr++)
        {
            for (int dc = -1; dc <= 1; dc++)
            {
                int rr = r + dr, cc = c + dc;
                if ((dr != 0 || dc != 0) && rr >= 0 && rr < height && cc >= 0 && cc < width && image[(rr * width) + cc])
                {
                    n++;
                }
            }
        }

        return n;
    }
}
