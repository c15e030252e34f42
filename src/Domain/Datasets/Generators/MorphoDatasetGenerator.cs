using DigitForge.Domain.Data;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// The published Morpho-MNIST datasets from MNIST: <c>morpho-plain</c> (every digit binarised at 4x and smoothed back),
/// <c>morpho-global</c> (each digit plain, thinned or thickened, chosen uniformly) and <c>morpho-local</c> (plain, swollen
/// or fractured). Row i of a split is MNIST image i of the same split; arrays x, y, pert (global/local: 0 plain,
/// 1 thinned, 2 thickened, 3 swollen, 4 fractured, as the published pert files), status (0 applied, 1 constant image
/// kept as it is, 2 no skeleton) and morpho (area, length, thickness, slant, width, height of the output image, the
/// published CSV's columns).
/// </summary>
public sealed class MorphoDatasetGenerator : IDatasetGenerator
{
    public const string Source = "mnist";
    public const string MorphometricsParameter = "morphometrics";
    public const string ThinAmount = "thin_amount";
    public const string ThickAmount = "thick_amount";
    public const string SwellStrength = "swell_strength";
    public const string SwellRadius = "swell_radius";
    public const string FractureThickness = "fracture_thickness";
    public const string Fractures = "fractures";
    private const int Size = 28;

    private readonly MorphoVariant _variant;

    private MorphoDatasetGenerator(MorphoVariant variant, string name, string description, GeneratorParameter[] parameters)
    {
        _variant = variant;
        Name = name;
        Description = description;
        Parameters = [GeneratorParameter.Boolean(MorphometricsParameter, true, "Measure every output image (the morpho array); off halves the work."), .. parameters];
    }

    public enum MorphoVariant
    {
        Plain,
        Global,
        Local,
    }

    public string Name { get; }

    public string Description { get; }

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters { get; }

    public IReadOnlyList<string> SplitNames => DatasetSplitNames.TrainAndTest;

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(DatasetSplitNames.Train, 60_000), new(DatasetSplitNames.Test, 10_000)];

    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters, Func<SourceImagesKey, int?> availableImages) =>
        SourceBoundSplits.Fit(DefaultSplits, "mnist", availableImages);

    public ulong DefaultSeed => 0;

    public static MorphoDatasetGenerator Plain() => new(
        MorphoVariant.Plain,
        "morpho-plain",
        "Morpho-MNIST plain: MNIST digits binarised at 4x and smoothed back to 28x28, with their morphometrics.",
        []);

    public static MorphoDatasetGenerator Global() => new(
        MorphoVariant.Global,
        "morpho-global",
        "Morpho-MNIST global: each MNIST digit plain, thinned or thickened (pert label), with morphometrics.",
        [
            GeneratorParameter.Number(ThinAmount, Thinning.DefaultAmount, 0, 1, "Thinning amount relative to the thickness (erosion radius int(amount * 4 * thickness / 2))."),
            GeneratorParameter.Number(ThickAmount, Thickening.DefaultAmount, 0, 5, "Thickening amount relative to the thickness (dilation radius int(amount * 4 * thickness / 2))."),
        ]);

    public static MorphoDatasetGenerator Local() => new(
        MorphoVariant.Local,
        "morpho-local",
        "Morpho-MNIST local: each MNIST digit plain, swollen or fractured (pert label), with morphometrics.",
        [
            GeneratorParameter.Number(SwellStrength, Swelling.DefaultStrength, 0, 10, "Swelling exponent (> 1 swells)."),
            GeneratorParameter.Number(SwellRadius, Swelling.DefaultRadius, 0.5, 28, "Swelling radius in 28x28 pixels, scaled by sqrt(thickness) / 2."),
            GeneratorParameter.Number(FractureThickness, Fracture.DefaultThickness, 0.25, 5, "Fracture thickness in 28x28 pixels."),
            GeneratorParameter.Integer(Fractures, Fracture.DefaultCount, 1, 20, "Fractures per fractured digit."),
        ]);

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition) => SourceSplits.Validate(definition, Name);

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var arrays = new List<DatasetArray>
        {
            new("x", ElementType.UInt8, [Size, Size], "Image, 0 = background .. 255 = ink (IDX convention)."),
            new("y", ElementType.UInt8, [], "Digit label 0-9 (copied from MNIST)."),
        };
        if (_variant != MorphoVariant.Plain)
        {
            arrays.Add(new("pert", ElementType.UInt8, [], "Perturbation: 0 plain, 1 thinned, 2 thickened, 3 swollen, 4 fractured."));
        }

        arrays.Add(new("status", ElementType.UInt8, [], "0 applied; 1 constant image kept unchanged; 2 no skeleton, kept unchanged."));
        arrays.Add(new("morpho", ElementType.Float64, [6], "Morphometrics of x: area, length, thickness, slant, width, height (NaN for a constant image)."));
        return new DatasetLayout(arrays, [], "y", LabelKind.Class, new ImageView("x", Size, Size));
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => SourceSplits.Keys(definition);

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var images = SourceSplits.Load(definition, inputs, Name);
        var p = definition.Parameters;
        IMorphoPerturbation[] choices = _variant switch
        {
            MorphoVariant.Global => [new Thinning(p.GetDouble(ThinAmount)), new Thickening(p.GetDouble(ThickAmount))],
            MorphoVariant.Local => [new Swelling(p.GetDouble(SwellStrength), p.GetDouble(SwellRadius)), new Fracture(p.GetDouble(FractureThickness), Fracture.DefaultPrune, p.GetInt32(Fractures))],
            _ => [],
        };
        byte firstLabel = _variant == MorphoVariant.Local ? (byte)3 : (byte)1;
        return new Rows(Describe(definition), definition, images, choices, firstLabel, p.GetBoolean(MorphometricsParameter));
    }

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, LabeledImages[] images, IMorphoPerturbation[] choices, byte firstLabel, bool measure) : IDatasetRows
    {
        private readonly int _x = layout.IndexOf("x");
        private readonly int _y = layout.IndexOf("y");
        private readonly int _pert = layout.IndexOf("pert");
        private readonly int _status = layout.IndexOf("status");
        private readonly int _morpho = layout.IndexOf("morpho");

        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 4096;

        public int RowsPerTask => 32;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            var source = images[split];
            string name = definition.Splits[split].Name;
            if (block.HasColumn(_y))
            {
                source.CopyLabels(firstRow, block.Column<byte>(_y).AsSpan(blockRow, count));
            }

            bool pixels = block.HasColumn(_x) || block.HasColumn(_status) || (block.HasColumn(_morpho) && measure);
            for (int i = 0; i < count; i++)
            {
                int row = firstRow + i;
                var random = KeyedRandom.For(definition.Seed, DatasetRowKey.For(name, row));
                // The choice is the row's first draw, so pert labels alone need no image work.
                int choice = choices.Length == 0 ? 0 : random.NextInt(choices.Length + 1);
                if (_pert >= 0 && block.HasColumn(_pert))
                {
                    block.Row<byte>(_pert, blockRow + i)[0] = choice == 0 ? (byte)0 : (byte)(firstLabel + choice - 1);
                }

                if (!pixels)
                {
                    continue;
                }

                var image = source.Image(row);
                var morph = ImageMorphology.Analyse(image, Size, Size);
                PerturbationOutcome outcome = morph.IsConstant
                    ? new PerturbationOutcome(image.ToArray(), "plain: the image is constant: there is no stroke")
                    : choice == 0
                        ? new PerturbationOutcome(morph.Downscale(morph.BinaryImage), null)
                        : MorphoPerturber.Perturb(morph, image, choices[choice - 1], random);
                if (block.HasColumn(_x))
                {
                    outcome.Pixels.CopyTo(block.Row<byte>(_x, blockRow + i));
                }

                if (block.HasColumn(_status))
                {
                    block.Row<byte>(_status, blockRow + i)[0] = outcome.StatusCode;
                }

                if (block.HasColumn(_morpho))
                {
                    var target = block.Row<double>(_morpho, blockRow + i);
                    var m = measure ? MorphometricsCalculator.Measure(outcome.Pixels, Size, Size) : Morphometrics.NaN;
                    for (int c = 0; c < 6; c++)
                    {
                        target[c] = m[c];
                    }
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => throw new KeyNotFoundException(name);
    }
}
