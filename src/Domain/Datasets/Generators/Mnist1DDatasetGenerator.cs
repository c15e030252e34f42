using System.Runtime.InteropServices;
using DigitForge.Domain.Mnist1D;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// MNIST-1D (greydanus/mnist1d) as a dataset: x float64 (final_seq_length,), y int64, extra <c>t</c>.
/// <c>mode: reference</c> (the default) is the reference's <c>make_dataset</c>, so the default spec is the published
/// dataset (train 4000, test 1000, seed 42); it is sequential, so the whole set is generated once when opened.
/// <c>mode: keyed</c> computes any row on its own (parallel, random access, any size).
/// </summary>
/// <remarks>
/// Splits map onto the reference's arguments: reference mode takes num_samples = train + test and
/// train_split = train / num_samples, which must reproduce the sizes exactly (num_samples a multiple of ten). Keyed mode
/// generates num_samples = train + test rounded up to a multiple of ten, train rows being rows [0, train) and test rows
/// the next ones, so labels stay balanced and any split sizes work.
/// </remarks>
public sealed class Mnist1DDatasetGenerator : IDatasetGenerator
{
    public const string GeneratorName = "mnist1d";
    public const string ModeParameter = "mode";
    public const string ReferenceMode = "reference";
    public const string KeyedMode = "keyed";

    private static readonly Mnist1DArguments Defaults = Mnist1DArguments.Default;

    private static readonly GeneratorParameter[] ParameterList =
    [
        GeneratorParameter.Choice(ModeParameter, ReferenceMode, [ReferenceMode, KeyedMode], "reference: NumPy-exact make_dataset (sequential, whole set in memory); keyed: each row from its own stream (parallel, random access)."),
        GeneratorParameter.Integer(Mnist1DArgumentNames.TemplateLength, Defaults.TemplateLength, 0, 1000, "Template length used for the dilated length template_len + padding max."),
        GeneratorParameter.Range(Mnist1DArgumentNames.Padding, new IntegerRange(Defaults.Padding.Min, Defaults.Padding.Max), 0, 10_000, "Zeros appended to each template before dilation, uniform in [min, max]."),
        GeneratorParameter.Number(Mnist1DArgumentNames.ScaleCoefficient, Defaults.ScaleCoefficient, -100, 100, "Amplitude factor 1 + scale_coeff*(u - 0.5)."),
        GeneratorParameter.Integer(Mnist1DArgumentNames.MaxTranslation, Defaults.MaxTranslation, 1, 100_000, "Circular shift uniform in [0, max_translation)."),
        GeneratorParameter.Number(Mnist1DArgumentNames.CorrelatedNoiseScale, Defaults.CorrelatedNoiseScale, -100, 100, "Std of the white noise smoothed (sigma 2) into the background."),
        GeneratorParameter.Number(Mnist1DArgumentNames.IidNoiseScale, Defaults.IidNoiseScale, -100, 100, "Std of the white noise added everywhere."),
        GeneratorParameter.Number(Mnist1DArgumentNames.ShearScale, Defaults.ShearScale, -100, 100, "Tilt slope shear_scale*(u - 0.5)."),
        GeneratorParameter.Boolean(Mnist1DArgumentNames.ShuffleSequence, Defaults.ShuffleSequence, "Permute the output columns with one fixed permutation."),
        GeneratorParameter.Integer(Mnist1DArgumentNames.FinalSequenceLength, Defaults.FinalSequenceLength, 2, 10_000, "Length of each output signal."),
    ];

    public string Name => GeneratorName;

    public string Description => "MNIST-1D: 1-D signals of ten templated digit shapes, shifted, sheared, scaled and noised (greydanus/mnist1d).";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters => ParameterList;

    public IReadOnlyList<string> SplitNames => DatasetSplitNames.TrainAndTest;

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } =
        [new(DatasetSplitNames.Train, Defaults.TrainCount), new(DatasetSplitNames.Test, Defaults.TestCount)];

    public ulong DefaultSeed => (ulong)Defaults.Seed;

    public ulong MaxSeed => uint.MaxValue;

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DatasetSpecError>();
        long total = definition.TotalRows;
        if (total < Mnist1DArguments.ClassCount)
        {
            errors.Add(new DatasetSpecError("splits", $"MNIST-1D needs at least {Mnist1DArguments.ClassCount} rows in all (one per class), got {total}."));
            return errors;
        }

        if (IsReference(definition))
        {
            int train = Rows(definition, DatasetSplitNames.Train);
            if (total % Mnist1DArguments.ClassCount != 0)
            {
                errors.Add(new DatasetSpecError("splits", $"reference mode makes num_samples // 10 samples per class, so train + test must be a multiple of 10, got {total}; use mode keyed for other sizes."));
            }
            else if (ToArguments(definition).TrainCount != train)
            {
                errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(DatasetSplitNames.Train), $"train_split = {train}/{total} does not give {train} training rows in the reference's int(n * train_split); use mode keyed for these sizes."));
            }
        }

        foreach (var error in ToArguments(definition).Validate())
        {
            string field = error.Field switch
            {
                Mnist1DArgumentNames.NumSamples or Mnist1DArgumentNames.TrainSplit => "splits",
                Mnist1DArgumentNames.Seed => "seed",
                _ => DatasetSpecError.ParameterField(error.Field),
            };
            errors.Add(new DatasetSpecError(field, $"{error.Field} {error.Message}"));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        int length = definition.Parameters.GetInt32(Mnist1DArgumentNames.FinalSequenceLength);
        return new DatasetLayout(
            [
                new DatasetArray("x", ElementType.Float64, [length], "Standardised signals (mean 0, std 1 over the dataset)."),
                new DatasetArray("y", ElementType.Int64, [], "Class label 0-9."),
            ],
            [new DatasetExtra("t", ElementType.Float64, [length], "Time coordinate of each column, divided by the raw std (for plotting).")],
            "y",
            LabelKind.Class,
            image: null);
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => [];

    public bool Materialises(DatasetDefinition definition) => IsReference(definition);

    /// <summary>The sample plan (driven by padding or template_len) and, in reference mode, the whole dataset.</summary>
    public IReadOnlyList<WorkingMemory> WorkingMemory(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var arguments = ToArguments(definition);
        long plan = Mnist1DFootprint.PlanBytes(arguments, Environment.ProcessorCount);
        string planField = DatasetSpecError.ParameterField(
            (long)arguments.Padding.Max - arguments.Padding.Min > arguments.TemplateLength ? Mnist1DArgumentNames.Padding : Mnist1DArgumentNames.TemplateLength);
        var mode = IsReference(definition) ? Mnist1DMode.Reference : Mnist1DMode.Keyed;
        return
        [
            new WorkingMemory(plan, planField),
            new WorkingMemory(Mnist1DFootprint.WorkingBytes(arguments, mode, Environment.ProcessorCount) - plan, "splits"),
        ];
    }

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var arguments = ToArguments(definition);
        var layout = Describe(definition);
        return IsReference(definition)
            ? new ReferenceRows(layout, definition.Splits, Mnist1DReferenceGenerator.Generate(arguments, progress: null, cancellationToken))
            : new KeyedRows(layout, definition.Splits, new Mnist1DKeyedGenerator(arguments));
    }

    private static bool IsReference(DatasetDefinition definition) =>
        definition.Parameters.GetString(ModeParameter) == ReferenceMode;

    private static int Rows(DatasetDefinition definition, string split)
    {
        int index = definition.SplitIndex(split);
        return index < 0 ? 0 : definition.Splits[index].Rows;
    }

    private static Mnist1DArguments ToArguments(DatasetDefinition definition)
    {
        var p = definition.Parameters;
        long total = definition.TotalRows;
        int train = Rows(definition, DatasetSplitNames.Train);
        bool reference = IsReference(definition);
        var padding = p.GetRange(Mnist1DArgumentNames.Padding);
        return new Mnist1DArguments
        {
            NumSamples = (int)Math.Min(int.MaxValue, reference ? total : (total + 9) / 10 * 10),
            TrainSplit = reference && total > 0 ? (double)train / total : Defaults.TrainSplit,
            TemplateLength = p.GetInt32(Mnist1DArgumentNames.TemplateLength),
            Padding = new Mnist1DPadding((int)padding.Min, (int)padding.Max),
            ScaleCoefficient = p.GetDouble(Mnist1DArgumentNames.ScaleCoefficient),
            MaxTranslation = p.GetInt32(Mnist1DArgumentNames.MaxTranslation),
            CorrelatedNoiseScale = p.GetDouble(Mnist1DArgumentNames.CorrelatedNoiseScale),
            IidNoiseScale = p.GetDouble(Mnist1DArgumentNames.IidNoiseScale),
            ShearScale = p.GetDouble(Mnist1DArgumentNames.ShearScale),
            ShuffleSequence = p.GetBoolean(Mnist1DArgumentNames.ShuffleSequence),
            FinalSequenceLength = p.GetInt32(Mnist1DArgumentNames.FinalSequenceLength),
            Seed = definition.Seed > uint.MaxValue ? -1 : (long)definition.Seed,
        };
    }

    /// <summary>Keyed mode: split rows map to consecutive generator rows (train first), generated on demand.</summary>
    private sealed class KeyedRows(DatasetLayout layout, IReadOnlyList<DatasetSplit> splits, Mnist1DKeyedGenerator generator) : IDatasetRows
    {
        private readonly int[] _offsets = Offsets(splits);
        private readonly byte[] _t = MemoryMarshal.AsBytes(generator.TimeAxis().AsSpan()).ToArray();

        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => splits;

        public long MemoryCost => 4096;

        public int RowsPerTask => 256;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            int length = generator.SequenceLength;
            int first = _offsets[split] + firstRow;
            if (!block.HasColumn(0))
            {
                // Labels alone come from the row permutation, without generating signals.
                var labels = block.Column<long>(1).AsSpan(blockRow, count);
                for (int i = 0; i < count; i++)
                {
                    labels[i] = generator.Label(first + i);
                }

                return;
            }

            var x = new Memory<double>(block.Column<double>(0), blockRow * length, count * length);
            var y = block.HasColumn(1) ? new Memory<long>(block.Column<long>(1), blockRow, count) : new long[count];

            // One chunk of at most RowsPerTask rows runs on the calling thread; the caller parallelises across chunks.
            generator.GenerateRows(first, x, y);
        }

        public ReadOnlyMemory<byte> Extra(string name) => name == "t" ? _t : throw new KeyNotFoundException(name);

        private static int[] Offsets(IReadOnlyList<DatasetSplit> splits)
        {
            // Train rows first, then the other splits in spec order, whatever order the spec lists them in.
            var offsets = new int[splits.Count];
            int next = 0;
            foreach (int i in Enumerable.Range(0, splits.Count).OrderBy(i => splits[i].Name == DatasetSplitNames.Train ? 0 : 1))
            {
                offsets[i] = next;
                next += splits[i].Rows;
            }

            return offsets;
        }
    }

    /// <summary>Reference mode: the whole reference dataset, generated once; rows are copied out of it.</summary>
    private sealed class ReferenceRows(DatasetLayout layout, IReadOnlyList<DatasetSplit> splits, Mnist1DDataset dataset) : IDatasetRows
    {
        private readonly byte[] _t = MemoryMarshal.AsBytes(dataset.T.Span).ToArray();

        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => splits;

        public long MemoryCost => ((long)(dataset.TrainCount + dataset.TestCount) * (dataset.SequenceLength + 1) * sizeof(double)) + _t.Length;

        public int RowsPerTask => 4096;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            int length = dataset.SequenceLength;
            bool train = splits[split].Name == DatasetSplitNames.Train;
            var x = train ? dataset.X : dataset.XTest;
            var y = train ? dataset.Y : dataset.YTest;
            if (block.HasColumn(0))
            {
                x.Span.Slice(firstRow * length, count * length).CopyTo(block.Column<double>(0).AsSpan(blockRow * length));
            }

            if (block.HasColumn(1))
            {
                y.Span.Slice(firstRow, count).CopyTo(block.Column<long>(1).AsSpan(blockRow));
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => name == "t" ? _t : throw new KeyNotFoundException(name);
    }
}
