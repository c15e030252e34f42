namespace DigitForge.Domain.Clustering;

/// <summary>
/// A k-nearest-neighbour graph: for every row its k nearest rows (itself first, at distance 0), ascending by
/// distance, ties by index. Indices and distances are row-major [count, k].
/// </summary>
public sealed record KnnGraph(int Count, int K, int[] Indices, float[] Distances)
{
    /// <summary>The first <paramref name="k"/> neighbours of every row (a graph for a smaller n_neighbors).</summary>
    public KnnGraph Truncate(int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, K);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (k == K)
        {
            return this;
        }

        int[] indices = new int[Count * k];
        float[] distances = new float[Count * k];
        for (int i = 0; i < Count; i++)
        {
            Array.Copy(Indices, i * K, indices, i * k, k);
            Array.Copy(Distances, i * K, distances, i * k, k);
        }

        return new KnnGraph(Count, k, indices, distances);
    }
}

/// <summary>
/// Exact k-nearest neighbours under the cosine distance 1 − x·y / (|x||y|) (UMAP's <c>metric='cosine'</c>; a zero row
/// is at distance 1 from everything else, as pynndescent). Brute force in tiles: a block of rows stays in cache while
/// every other row streams past once, so 15,000 × 392 takes seconds; blocks run in parallel and each row's result
/// does not depend on the schedule, so the graph is deterministic.
/// </summary>
public static class NearestNeighbors
{
    private const int Block = 32;

    public static KnnGraph ExactCosine(ReadOnlySpan<float> points, int dimensions, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        int n = points.Length / dimensions;
        if (n * dimensions != points.Length)
        {
            throw new ArgumentException($"{points.Length} values are not rows of {dimensions}.", nameof(points));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        float[] unit = points.ToArray();
        for (int i = 0; i < n; i++)
        {
            var row = unit.AsSpan(i * dimensions, dimensions);
            float norm = MathF.Sqrt(Distances.Dot(row, row));
            if (norm > 0)
            {
                for (int j = 0; j < dimensions; j++)
                {
                    row[j] /= norm;
                }
            }
        }

        int[] indices = new int[n * k];
        float[] distances = new float[n * k];
        int blocks = (n + Block - 1) / Block;
        Parallel.For(0, blocks, b =>
        {
            int start = b * Block;
            int end = Math.Min(n, start + Block);
            int rows = end - start;
            // Per row a sorted list of the k best so far; slot 0 is the row itself at distance 0.
            var bestIndex = new int[rows * k];
            var bestDistance = new float[rows * k];
            var filled = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                bestIndex[r * k] = start + r;
                bestDistance[r * k] = 0;
                filled[r] = 1;
            }

            // Rows padded to a multiple of four (copies of the last row; their results are ignored) for Dot4.
            int padded = (rows + 3) / 4 * 4;
            float[] block = new float[padded * dimensions];
            for (int r = 0; r < padded; r++)
            {
                Array.Copy(unit, Math.Min(start + r, end - 1) * dimensions, block, r * dimensions, dimensions);
            }

            Span<float> dots = stackalloc float[4];
            for (int j = 0; j < n; j++)
            {
                var other = unit.AsSpan(j * dimensions, dimensions);
                for (int r0 = 0; r0 < rows; r0 += 4)
                {
                    Distances.Dot4(block.AsSpan(r0 * dimensions, 4 * dimensions), other, dots);
                    for (int q = 0; q < 4 && r0 + q < rows; q++)
                    {
                        int r = r0 + q;
                        if (start + r != j)
                        {
                            Insert(bestIndex, bestDistance, filled, r, k, j, Math.Max(0f, 1f - dots[q]));
                        }
                    }
                }
            }

            Array.Copy(bestIndex, 0, indices, start * k, rows * k);
            Array.Copy(bestDistance, 0, distances, start * k, rows * k);
        });
        return new KnnGraph(n, k, indices, distances);
    }

    // Insertion into row r's sorted list; equal distances keep the lower index first (j ascends).
    private static void Insert(int[] bestIndex, float[] bestDistance, int[] filled, int r, int k, int j, float distance)
    {
        int count = filled[r];
        float worst = count == k ? bestDistance[(r * k) + k - 1] : float.PositiveInfinity;
        if (!(distance < worst))
        {
            return;
        }

        int at = count == k ? k - 1 : count;
        while (at > 1 && bestDistance[(r * k) + at - 1] > distance)
        {
            bestDistance[(r * k) + at] = bestDistance[(r * k) + at - 1];
            bestIndex[(r * k) + at] = bestIndex[(r * k) + at - 1];
            at--;
        }

        bestDistance[(r * k) + at] = distance;
        bestIndex[(r * k) + at] = j;
        filled[r] = Math.Min(k, count + 1);
    }
}
