using System.Numerics;
using System.Runtime.InteropServices;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Clustering;

/// <summary>The fuzzy simplicial set as a symmetric sparse graph in coordinate form (each undirected edge twice).</summary>
public sealed record FuzzyGraph(int Count, int[] Heads, int[] Tails, float[] Weights);

/// <summary>
/// UMAP (McInnes, Healy &amp; Melville 2018, arXiv:1802.03426) following umap-learn's reference code: an exact cosine
/// kNN graph (<see cref="NearestNeighbors"/>), smooth-kNN calibration (ρ_i the nearest non-zero distance, σ_i by binary
/// search so Σ exp(−(d − ρ)/σ) = log₂ k), the fuzzy union P + Pᵀ − P∘Pᵀ, edges below max/n_epochs dropped, a seeded
/// uniform random initialisation scaled to [0, 10], and the SGD layout with edge sampling by weight, negative sampling
/// and a linearly decaying learning rate. The layout runs on one thread from one seeded stream, so a seed always gives
/// the same embedding (umap-learn is only reproducible that way too).
/// </summary>
public static class Umap
{
    private const double SmoothKTolerance = 1e-5;
    private const double MinKDistScale = 1e-3;

    /// <summary>Embeds the rows of <paramref name="points"/> (computing the cosine kNN graph first).</summary>
    public static float[] FitTransform(ReadOnlySpan<float> points, int dimensions, UmapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var knn = NearestNeighbors.ExactCosine(points, dimensions, Math.Min(options.Neighbors, points.Length / dimensions));
        return Embed(knn, options);
    }

    /// <summary>Embeds from a precomputed kNN graph (truncated to the options' n_neighbors), [count, components] row-major.</summary>
    public static float[] Embed(KnnGraph knn, UmapOptions options)
    {
        ArgumentNullException.ThrowIfNull(knn);
        ArgumentNullException.ThrowIfNull(options);
        var graph = FuzzySimplicialSet(knn.Truncate(Math.Min(options.Neighbors, knn.K)));
        int epochs = options.EpochsFor(knn.Count);
        var (a, b) = FindAB(options.Spread, options.MinDist);
        float[] embedding = RandomInit(knn.Count, options.Components, options.Seed);
        Layout(graph, embedding, options.Components, epochs, a, b, options);
        return embedding;
    }

    /// <summary>smooth_knn_dist + compute_membership_strengths + the fuzzy union (set_op_mix_ratio 1).</summary>
    public static FuzzyGraph FuzzySimplicialSet(KnnGraph knn)
    {
        ArgumentNullException.ThrowIfNull(knn);
        int n = knn.Count;
        int k = knn.K;
        var (rhos, sigmas) = SmoothKnn(knn);
        // Directed memberships, keyed per row for the union.
        var rows = new Dictionary<int, float>[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new Dictionary<int, float>(k);
        }

        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++)
            {
                int j = knn.Indices[(i * k) + c];
                if (j == i)
                {
                    continue;
                }

                double d = knn.Distances[(i * k) + c];
                float value = d - rhos[i] <= 0 || sigmas[i] == 0 ? 1f : (float)Math.Exp(-((d - rhos[i]) / sigmas[i]));
                rows[i][j] = value;
            }
        }

        // The union's support: (i, j) whenever P_ij or P_ji is there; each entry once per direction, j ascending.
        var heads = new List<int>(n * k * 2);
        var tails = new List<int>(n * k * 2);
        var weights = new List<float>(n * k * 2);
        var neighbours = new SortedSet<int>[n];
        for (int i = 0; i < n; i++)
        {
            neighbours[i] = [];
        }

        for (int i = 0; i < n; i++)
        {
            foreach (int j in rows[i].Keys)
            {
                neighbours[i].Add(j);
                neighbours[j].Add(i);
            }
        }

        for (int i = 0; i < n; i++)
        {
            foreach (int j in neighbours[i])
            {
                float p = rows[i].TryGetValue(j, out float u) ? u : 0f;
                float q = rows[j].TryGetValue(i, out float v) ? v : 0f;
                heads.Add(i);
                tails.Add(j);
                weights.Add(p + q - (p * q));
            }
        }

        return new FuzzyGraph(n, [.. heads], [.. tails], [.. weights]);
    }

    /// <summary>
    /// The a, b of the low-dimensional similarity 1 / (1 + a·d^(2b)), least-squares fitted (Levenberg-Marquardt) to
    /// 1 for d &lt; min_dist and exp(−(d − min_dist)/spread) beyond, on 300 points in [0, 3·spread] (umap-learn's find_ab_params).
    /// </summary>
    public static (double A, double B) FindAB(double spread, double minDist)
    {
        const int points = 300;
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++)
        {
            x[i] = spread * 3 * i / (points - 1);
            y[i] = x[i] < minDist ? 1.0 : Math.Exp(-(x[i] - minDist) / spread);
        }

        double a = 1;
        double b = 1;
        double lambda = 1e-3;
        double cost = Cost(x, y, a, b);
        for (int iteration = 0; iteration < 500; iteration++)
        {
            // Normal equations of the 2-parameter problem: (JᵀJ + λ diag(JᵀJ)) δ = −Jᵀr.
            double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
            for (int i = 0; i < points; i++)
            {
                double xb = x[i] > 0 ? Math.Pow(x[i], 2 * b) : 0;
                double den = 1 + (a * xb);
                double f = 1 / den;
                double r = f - y[i];
                double da = -xb / (den * den);
                double db = x[i] > 0 ? -a * xb * 2 * Math.Log(x[i]) / (den * den) : 0;
                jaa += da * da;
                jab += da * db;
                jbb += db * db;
                ga += da * r;
                gb += db * r;
            }

            bool improved = false;
            for (int attempt = 0; attempt < 30 && !improved; attempt++)
            {
                double maa = jaa * (1 + lambda);
                double mbb = jbb * (1 + lambda);
                double det = (maa * mbb) - (jab * jab);
                if (det == 0)
                {
                    lambda *= 10;
                    continue;
                }

                double stepA = ((-ga * mbb) + (gb * jab)) / det;
                double stepB = ((-gb * maa) + (ga * jab)) / det;
                double next = Cost(x, y, a + stepA, b + stepB);
                if (next < cost && double.IsFinite(next))
                {
                    double change = cost - next;
                    a += stepA;
                    b += stepB;
                    cost = next;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = true;
                    if (change < 1e-15 * Math.Max(1, cost))
                    {
                        return (a, b);
                    }
                }
                else
                {
                    lambda *= 10;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return (a, b);
    }

    private static double Cost(double[] x, double[] y, double a, double b)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double xb = x[i] > 0 ? Math.Pow(x[i], 2 * b) : 0;
            double r = (1 / (1 + (a * xb))) - y[i];
            s += r * r;
        }

        return s;
    }

    private static (double[] Rhos, double[] Sigmas) SmoothKnn(KnnGraph knn)
    {
        int n = knn.Count;
        int k = knn.K;
        double target = Math.Log2(k);
        double[] rhos = new double[n];
        double[] sigmas = new double[n];
        double meanAll = 0;
        foreach (float d in knn.Distances)
        {
            meanAll += d;
        }

        meanAll /= knn.Distances.Length;
        for (int i = 0; i < n; i++)
        {
            var distances = knn.Distances.AsSpan(i * k, k);
            double rho = 0;
            double largest = 0;
            foreach (float d in distances)
            {
                if (d > 0)
                {
                    rho = rho == 0 ? d : Math.Min(rho, d);
                    largest = Math.Max(largest, d);
                }
            }

            rhos[i] = rho;
            double lo = 0;
            double hi = double.PositiveInfinity;
            double mid = 1;
            for (int step = 0; step < 64; step++)
            {
                double sum = 0;
                for (int c = 1; c < k; c++)
                {
                    double d = distances[c] - rho;
                    sum += d > 0 ? Math.Exp(-(d / mid)) : 1;
                }

                if (Math.Abs(sum - target) < SmoothKTolerance)
                {
                    break;
                }

                if (sum > target)
                {
                    hi = mid;
                    mid = (lo + hi) / 2;
                }
                else
                {
                    lo = mid;
                    mid = double.IsPositiveInfinity(hi) ? mid * 2 : (lo + hi) / 2;
                }
            }

            double meanRow = 0;
            foreach (float d in distances)
            {
                meanRow += d;
            }

            meanRow /= k;
            sigmas[i] = rho > 0 ? Math.Max(mid, MinKDistScale * meanRow) : Math.Max(mid, MinKDistScale * meanAll);
        }

        return (rhos, sigmas);
    }

    private static float[] RandomInit(int n, int dim, ulong seed)
    {
        var random = KeyedRandom.For(seed, 0x756d_6170_696e_6974); // "umapinit"
        float[] e = new float[n * dim];
        for (int i = 0; i < e.Length; i++)
        {
            e[i] = (float)((random.NextDouble() * 20) - 10);
        }

        // umap-learn rescales every initial coordinate to [0, 10].
        for (int d = 0; d < dim; d++)
        {
            float min = float.PositiveInfinity;
            float max = float.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                min = Math.Min(min, e[(i * dim) + d]);
                max = Math.Max(max, e[(i * dim) + d]);
            }

            float range = max > min ? max - min : 1;
            for (int i = 0; i < n; i++)
            {
                e[(i * dim) + d] = 10f * (e[(i * dim) + d] - min) / range;
            }
        }

        return e;
    }

    private static void Layout(FuzzyGraph graph, float[] embedding, int dim, int epochs, double a, double b, UmapOptions options)
    {
        float max = 0;
        foreach (float w in graph.Weights)
        {
            max = Math.Max(max, w);
        }

        // Edges too weak to be sampled even once in n_epochs are dropped (umap-learn's simplicial_set_embedding).
        var heads = new List<int>();
        var tails = new List<int>();
        var perSample = new List<double>();
        for (int e = 0; e < graph.Weights.Length; e++)
        {
            float w = graph.Weights[e];
            if (w >= max / epochs && w > 0)
            {
                heads.Add(graph.Heads[e]);
                tails.Add(graph.Tails[e]);
                perSample.Add(epochs / (epochs * (w / (double)max)));
            }
        }

        int edges = heads.Count;
        int[] head = [.. heads];
        int[] tail = [.. tails];
        double[] epochsPerSample = [.. perSample];
        double[] epochsPerNegative = new double[edges];
        double[] nextNegative = new double[edges];
        double[] nextSample = new double[edges];
        for (int e = 0; e < edges; e++)
        {
            epochsPerNegative[e] = epochsPerSample[e] / options.NegativeSampleRate;
            nextNegative[e] = epochsPerNegative[e];
            nextSample[e] = epochsPerSample[e];
        }

        // Negative samples from a xorshift64* stream seeded by the keyed generator (cheaper than a bounded draw each).
        ulong state = KeyedRandom.For(options.Seed, 0x756d_6170_7367_6420).NextUInt64() | 1; // "umapsgd "
        int n = graph.Count;
        float fa = (float)a;
        float fb = (float)b;
        float gamma = (float)options.RepulsionStrength;
        double alpha = options.LearningRate;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            float step = (float)alpha;
            for (int e = 0; e < edges; e++)
            {
                if (nextSample[e] > epoch)
                {
                    continue;
                }

                int j = head[e];
                int k = tail[e];
                var current = embedding.AsSpan(j * dim, dim);
                var other = embedding.AsSpan(k * dim, dim);
                float distSq = Distances.SquaredEuclidean(current, other);
                float coefficient = 0;
                if (distSq > 0)
                {
                    float pb = MathF.Pow(distSq, fb);
                    coefficient = -2f * fa * fb * (pb / distSq) / ((fa * pb) + 1f);
                }

                Attract(current, other, coefficient, step);

                nextSample[e] += epochsPerSample[e];
                int negatives = (int)((epoch - nextNegative[e]) / epochsPerNegative[e]);
                for (int p = 0; p < negatives; p++)
                {
                    state ^= state >> 12;
                    state ^= state << 25;
                    state ^= state >> 27;
                    int s = (int)(((state * 0x2545F4914F6CDD1DUL) >> 33) % (ulong)n);
                    var sample = embedding.AsSpan(s * dim, dim);
                    distSq = Distances.SquaredEuclidean(current, sample);
                    if (distSq > 0)
                    {
                        coefficient = 2f * gamma * fb / ((0.001f + distSq) * ((fa * MathF.Pow(distSq, fb)) + 1f));
                        Repel(current, sample, coefficient, step);
                    }
                    else if (s != j)
                    {
                        for (int d = 0; d < dim; d++)
                        {
                            current[d] += 4f * step;
                        }
                    }
                }

                nextNegative[e] += negatives * epochsPerNegative[e];
            }

            alpha = options.LearningRate * (1.0 - ((double)epoch / epochs));
        }
    }

    private static float Clip(float v) => v > 4f ? 4f : v < -4f ? -4f : v;

    // The element-wise updates in SIMD lanes: the same float operations per coordinate as the scalar loop (no fused
    // multiply-add), so the layout is bit-for-bit the scalar one's, only faster at 20-60 components.
    private static readonly Vector<float> Four = new(4f);
    private static readonly Vector<float> MinusFour = new(-4f);

    // g = clip(coefficient·(current − other))·step; current += g; other −= g.
    private static void Attract(Span<float> current, Span<float> other, float coefficient, float step)
    {
        int n = current.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var c = MemoryMarshal.Cast<float, Vector<float>>(current);
            var o = MemoryMarshal.Cast<float, Vector<float>>(other);
            var k = new Vector<float>(coefficient);
            var s = new Vector<float>(step);
            for (int v = 0; v < c.Length; v++)
            {
                var g = Vector.Min(Vector.Max(k * (c[v] - o[v]), MinusFour), Four) * s;
                c[v] += g;
                o[v] -= g;
            }

            i = c.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            float g = Clip(coefficient * (current[i] - other[i])) * step;
            current[i] += g;
            other[i] -= g;
        }
    }

    // current += clip(coefficient·(current − sample))·step.
    private static void Repel(Span<float> current, ReadOnlySpan<float> sample, float coefficient, float step)
    {
        int n = current.Length;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var c = MemoryMarshal.Cast<float, Vector<float>>(current);
            var o = MemoryMarshal.Cast<float, Vector<float>>(sample);
            var k = new Vector<float>(coefficient);
            var s = new Vector<float>(step);
            for (int v = 0; v < c.Length; v++)
            {
                c[v] += Vector.Min(Vector.Max(k * (c[v] - o[v]), MinusFour), Four) * s;
            }

            i = c.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            current[i] += Clip(coefficient * (current[i] - sample[i])) * step;
        }
    }
}
