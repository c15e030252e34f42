using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitForge.Domain.Morphology;

/// <summary>
/// scikit-image's <c>morphology.medial_axis</c>: foreground pixels ordered by (distance to the background, then
/// cornerness = background pixels in the 3x3 neighbourhood, then a fixed tie-break) are visited once, and each is
/// deleted unless the 512-entry table says it must stay (it joins otherwise separate 8-connected parts of its
/// neighbourhood, or the neighbourhood holds at most 2 foreground pixels).
/// </summary>
/// <remarks>
/// The reference breaks ties with a random permutation (NumPy's generator, seeded 42 since 2025); here the tie-break is
/// a fixed hash of the pixel position, so the skeleton is deterministic and independent of everything else.
/// </remarks>
internal static class MedialAxis
{
    private static readonly bool[] KeepTable = BuildKeepTable();
    private static readonly byte[] Cornerness = BuildCornerness();
    private static readonly Lock RankLock = new();
    private static readonly Dictionary<int, int[]> Ranks = [];

    /// <summary>Skeleton of <paramref name="mask"/> given its squared distance map.</summary>
    public static void Skeletonize(ReadOnlySpan<bool> mask, ReadOnlySpan<int> squaredDistance, int height, int width, Span<bool> skeleton)
    {
        // The work happens on a copy of the mask with a one-pixel border of zeros (bytes 0/1), so that a 3x3 pattern is
        // nine loads and shifts with no bounds checks; order and keys are kept by padded index.
        int pw = width + 2;
        int padded = (height + 2) * pw;
        byte[] image = ArrayPool<byte>.Shared.Rent(padded);
        int[] distance = ArrayPool<int>.Shared.Rent(padded);
        int[] corner = ArrayPool<int>.Shared.Rent(padded);
        int[] order = ArrayPool<int>.Shared.Rent(height * width);
        int[] scratch = ArrayPool<int>.Shared.Rent(height * width);
        try
        {
            Array.Clear(image, 0, padded);
            for (int r = 0; r < height; r++)
            {
                var source = mask.Slice(r * width, width);
                var target = image.AsSpan(((r + 1) * pw) + 1, width);
                for (int c = 0; c < width; c++)
                {
                    target[c] = source[c] ? (byte)1 : (byte)0;
                }
            }

            // Order = (squared distance, cornerness, fixed pseudo-random rank of the position), built by LSD counting
            // sorts: walk the pixels in rank order, then stable-sort by cornerness, then by distance. O(pixels), where
            // a comparison sort of packed keys was the analysis' largest cost.
            int[] byRank = RankOrder(height * width);
            // Branch-free walk (whether a pixel is foreground is as good as random in rank order): every index is
            // written, and only a foreground one advances the count.
            var maskBytes = MemoryMarshal.Cast<bool, byte>(mask);
            int n = 0;
            foreach (int i in byRank)
            {
                scratch[n] = i;
                n += maskBytes[i];
            }

            int maxDistance = 0;
            for (int k = 0; k < n; k++)
            {
                int i = scratch[k];
                int p = i + (2 * (i / width)) + pw + 1;
                order[k] = p;
                corner[p] = Cornerness[PatternAt(image, pw, p)];
                distance[p] = squaredDistance[i];
                maxDistance = Math.Max(maxDistance, squaredDistance[i]);
            }

            if (n > 0)
            {
                Span<int> cornerCounts = stackalloc int[11];
                CountingSort(order.AsSpan(0, n), scratch, cornerCounts, corner);
                int[] distanceCounts = ArrayPool<int>.Shared.Rent(maxDistance + 2);
                CountingSort(scratch.AsSpan(0, n), order, distanceCounts.AsSpan(0, maxDistance + 2), distance);
                ArrayPool<int>.Shared.Return(distanceCounts);
                foreach (int p in order.AsSpan(0, n))
                {
                    image[p] = KeepTable[PatternAt(image, pw, p)] ? (byte)1 : (byte)0;
                }
            }

            for (int r = 0; r < height; r++)
            {
                var source = image.AsSpan(((r + 1) * pw) + 1, width);
                var target = skeleton.Slice(r * width, width);
                for (int c = 0; c < width; c++)
                {
                    target[c] = source[c] != 0;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(image);
            ArrayPool<int>.Shared.Return(distance);
            ArrayPool<int>.Shared.Return(corner);
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>The 3x3 neighbourhood of padded index p as 9 bits, bit k = pixel k of [[0 1 2] [3 4 5] [6 7 8]].</summary>
    private static int PatternAt(byte[] image, int pw, int p)
    {
        int a = p - pw, b = p + pw;
        return image[a - 1] | (image[a] << 1) | (image[a + 1] << 2) | (image[p - 1] << 3) | (image[p] << 4) | (image[p + 1] << 5)
            | (image[b - 1] << 6) | (image[b] << 7) | (image[b + 1] << 8);
    }

    /// <summary>Stable sort of pixel indices by key[index] (keys in [0, counts.Length - 1)).</summary>
    private static void CountingSort(ReadOnlySpan<int> source, Span<int> destination, Span<int> counts, ReadOnlySpan<int> key)
    {
        counts.Clear();
        foreach (int i in source)
        {
            counts[key[i] + 1]++;
        }

        for (int k = 1; k < counts.Length; k++)
        {
            counts[k] += counts[k - 1];
        }

        foreach (int i in source)
        {
            destination[counts[key[i]]++] = i;
        }
    }

    /// <summary>Pixel indices 0..n-1 in a fixed pseudo-random order (by a SplitMix64 hash), cached per size.</summary>
    private static int[] RankOrder(int n)
    {
        lock (RankLock)
        {
            if (!Ranks.TryGetValue(n, out var order))
            {
                // 16 bits of a SplitMix64 hash, then the index: like the reference's random permutation this keeps the
                // skeleton from drifting towards one corner, as a raster-order tie-break would; and it never changes.
                order = [.. Enumerable.Range(0, n).OrderBy(i => Mix((ulong)i) & 0xFFFF).ThenBy(i => i)];
                Ranks[n] = order;
            }

            return order;
        }
    }

    private static ulong Mix(ulong index)
    {
        ulong z = index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static bool[] BuildKeepTable()
    {
        var table = new bool[512];
        for (int index = 0; index < 512; index++)
        {
            bool centre = (index & 16) != 0;
            table[index] = centre && (Components(index) != Components(index & ~16) || BitOperations.PopCount((uint)index) < 3);
        }

        return table;
    }

    private static byte[] BuildCornerness()
    {
        var table = new byte[512];
        for (int index = 0; index < 512; index++)
        {
            table[index] = (byte)(9 - BitOperations.PopCount((uint)index));
        }

        return table;
    }

    /// <summary>Number of 8-connected components of a 3x3 pattern.</summary>
    private static int Components(int pattern)
    {
        int seen = 0;
        int components = 0;
        Span<int> stack = stackalloc int[9];
        for (int start = 0; start < 9; start++)
        {
            if ((pattern & (1 << start)) == 0 || (seen & (1 << start)) != 0)
            {
                continue;
            }

            components++;
            int top = 0;
            stack[top++] = start;
            seen |= 1 << start;
            while (top > 0)
            {
                int p = stack[--top];
                int pr = p / 3, pc = p % 3;
                for (int q = 0; q < 9; q++)
                {
                    int qr = q / 3, qc = q % 3;
                    if ((pattern & (1 << q)) != 0 && (seen & (1 << q)) == 0 && Math.Abs(qr - pr) <= 1 && Math.Abs(qc - pc) <= 1)
                    {
                        seen |= 1 << q;
                        stack[top++] = q;
                    }
                }
            }
        }

        return components;
    }
}
