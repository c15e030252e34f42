using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;

namespace DigitForge.UnitTests.Morphology;

/// <summary>
/// The distance map and the disk dilation work only where they have to (the foreground's bounding box, the rows a disk
/// can reach); these compare them with brute force on random masks of every density, including masks touching the
/// border, empty and full ones, and large blobs (distances beyond the short row search).
/// </summary>
public class DistanceTransformTests
{
    public static TheoryData<int, int, double> Masks => new()
    {
        { 1, 1, 0.5 }, { 7, 5, 0.0 }, { 7, 5, 1.0 }, { 12, 9, 0.1 }, { 9, 12, 0.5 }, { 16, 16, 0.9 }, { 30, 23, 0.03 }, { 40, 40, 0.6 }, { 70, 64, 0.998 },
    };

    [Theory]
    [MemberData(nameof(Masks))]
    public void Squared_distance_equals_brute_force(int height, int width, double density)
    {
        var random = new Random(height * 1000 + width);
        for (int trial = 0; trial < 20; trial++)
        {
            var mask = RandomMask(random, height, width, density, trial);
            foreach (bool foreground in (ReadOnlySpan<bool>)[true, false])
            {
                var result = new int[height * width];
                result.AsSpan().Fill(-7); // stale contents must not leak through
                EuclideanDistance.Squared(mask, height, width, result, foreground);
                Assert.Equal(BruteForce(mask, height, width, foreground), result);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Masks))]
    public void Dilation_equals_brute_force(int height, int width, double density)
    {
        var random = new Random(height * 1000 + width + 1);
        for (int trial = 0; trial < 20; trial++)
        {
            var mask = RandomMask(random, height, width, density, trial);
            var toForeground = BruteForce(mask, height, width, foreground: false);
            foreach (int radius in (ReadOnlySpan<int>)[0, 1, 2, 3, 5, 8])
            {
                var expected = mask.Select((b, i) => b || toForeground[i] <= radius * radius).ToArray();
                Assert.Equal(expected, BinaryMorphology.Dilate(mask, height, width, radius));
            }
        }
    }

    /// <summary>Random pixels; every third trial only inside a random sub-rectangle (a digit-like bounding box).</summary>
    private static bool[] RandomMask(Random random, int height, int width, double density, int trial)
    {
        int top = 0, bottom = height, left = 0, right = width;
        if (trial % 3 == 1)
        {
            top = random.Next(height);
            bottom = random.Next(top, height) + 1;
            left = random.Next(width);
            right = random.Next(left, width) + 1;
        }

        var mask = new bool[height * width];
        for (int r = top; r < bottom; r++)
        {
            for (int c = left; c < right; c++)
            {
                mask[(r * width) + c] = random.NextDouble() < density;
            }
        }

        return mask;
    }

    private static int[] BruteForce(bool[] mask, int height, int width, bool foreground)
    {
        var result = new int[height * width];
        for (int i = 0; i < result.Length; i++)
        {
            if (mask[i] != foreground)
            {
                continue;
            }

            int best = EuclideanDistance.Infinite;
            for (int j = 0; j < result.Length; j++)
            {
                if (mask[j] != foreground)
                {
                    int dr = (i / width) - (j / width), dc = (i % width) - (j % width);
                    best = Math.Min(best, (dr * dr) + (dc * dc));
                }
            }

            result[i] = best;
        }

        return result;
    }
}
