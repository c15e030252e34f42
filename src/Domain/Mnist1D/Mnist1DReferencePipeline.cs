using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Mnist1D;

/// <summary>
/// Reference mode on all cores with the same bits as the sequential loop. NumPy's stream must be consumed in order,
/// but no draw depends on a computed value, so one thread walks the stream for a chunk of samples (uniforms, shift
/// index, and each normal as a polar pair's x and its r2, see <see cref="DeferredPolarPairs"/>) while the other cores
/// compute the previous chunks: the polar factors (a log and a square root per pair, the costliest part of the draws)
/// and the transforms. Each sample runs the same operations in the same order as the sequential path.
/// </summary>
internal static class Mnist1DReferencePipeline
{
    private const int ChunkSamples = 2048;
    private const int ChunksInFlight = 3;
    private const int FactorBlock = 8192;

    public static void Run(
        Mnist1DSamplePlan plan,
        Mnist1DTemplates templates,
        int perClass,
        NumPyLegacyRandom random,
        double[] raw,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        int length = plan.Arguments.FinalSequenceLength;
        int total = raw.Length / length;
        var free = new Stack<Chunk>();
        var running = new Queue<(Task Task, Chunk Chunk)>();
        try
        {
            for (int first = 0; first < total; first += ChunkSamples)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (running.Count == ChunksInFlight)
                {
                    free.Push(Finish(running.Dequeue(), progress));
                }

                var chunk = free.Count > 0 ? free.Pop() : new Chunk(plan.DilatedLength);
                chunk.Draw(random, plan.Arguments.MaxTranslation, first, Math.Min(ChunkSamples, total - first));
                running.Enqueue((Task.Run(() => chunk.Compute(plan, templates, perClass, raw, length), CancellationToken.None), chunk));
            }

            while (running.Count > 0)
            {
                Finish(running.Dequeue(), progress);
            }
        }
        finally
        {
            // Never leave a chunk computing into buffers the caller is about to drop (on cancellation or error).
            foreach (var (task, _) in running)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                }
            }
        }
    }

    private static Chunk Finish((Task Task, Chunk Chunk) running, IProgress<int>? progress)
    {
        running.Task.GetAwaiter().GetResult();
        progress?.Report(running.Chunk.First + running.Chunk.Count);
        return running.Chunk;
    }

    private sealed class Chunk(int dilatedLength)
    {
        private readonly Mnist1DUniformDraws[] _draws = new Mnist1DUniformDraws[ChunkSamples];
        private readonly double[] _correlatedX = new double[ChunkSamples * dilatedLength];
        private readonly int[] _correlatedPair = new int[ChunkSamples * dilatedLength];
        private readonly double[] _iidX = new double[ChunkSamples * dilatedLength];
        private readonly int[] _iidPair = new int[ChunkSamples * dilatedLength];
        private readonly DeferredPolarPairs _pairs = new(ChunkSamples * dilatedLength);

        public int First { get; private set; }

        public int Count { get; private set; }

        /// <summary>The reference's draws for samples [first, first + count), in its order (see <see cref="Mnist1DSampler.Transform{TRandom}"/>).</summary>
        public void Draw(NumPyLegacyRandom random, int maxTranslation, int first, int count)
        {
            First = first;
            Count = count;
            _pairs.Clear();
            int n = dilatedLength;
            for (int i = 0; i < count; i++)
            {
                double padding = random.RandomSample();
                double scale = random.RandomSample();
                int shift = (int)random.Choice(maxTranslation);
                random.StandardNormalDeferred(_correlatedX.AsSpan(i * n, n), _correlatedPair.AsSpan(i * n, n), _pairs);
                random.StandardNormalDeferred(_iidX.AsSpan(i * n, n), _iidPair.AsSpan(i * n, n), _pairs);
                _draws[i] = new Mnist1DUniformDraws(padding, scale, shift, random.RandomSample());
            }

            // A normal cached past the chunk's end must not point into pairs the next use of this chunk clears.
            random.ResolveDeferred();
        }

        public void Compute(Mnist1DSamplePlan plan, Mnist1DTemplates templates, int perClass, double[] raw, int length)
        {
            int pairs = _pairs.Count;
            Parallel.For(0, (pairs + FactorBlock - 1) / FactorBlock, block =>
                _pairs.ComputeFactors(block * FactorBlock, Math.Min(pairs, (block + 1) * FactorBlock)));

            int n = dilatedLength;
            Parallel.For(
                0,
                Count,
                () => (Sampler: new Mnist1DSampler(plan), Correlated: new double[n], Iid: new double[n]),
                (i, _, local) =>
                {
                    var factors = _pairs.Factors;
                    for (int k = 0; k < n; k++)
                    {
                        local.Correlated[k] = factors[_correlatedPair[(i * n) + k]] * _correlatedX[(i * n) + k];
                        local.Iid[k] = factors[_iidPair[(i * n) + k]] * _iidX[(i * n) + k];
                    }

                    int sample = First + i;
                    local.Sampler.Compute(templates.Row(sample / perClass), _draws[i], local.Correlated, local.Iid, raw.AsSpan(sample * length, length));
                    return local;
                },
                _ => { });
        }
    }
}
