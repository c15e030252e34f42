using System.Globalization;
using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// The numbers a compositional-robustness run reports: accuracy per method and composition, means grouped by the
/// number of elementals in a composition (1 = in distribution, 2-6 = unseen), the unseen mean (over lengths >= 2,
/// each length weighted equally), and the compositions where the best modular method gains most over the best
/// monolithic one.
/// </summary>
public sealed class CompositionalResults
{
    public const string HeatmapImage = "heatmap";
    public const string LengthMetric = "acc_by_length";

    public CompositionalResults(CompositionalEvaluator.Result result, IReadOnlyList<string> methods)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(methods);
        Methods = methods;
        Compositions = result.Compositions;
        Lengths = [.. Compositions.Select(c => c.Split('-').Length)];
        Accuracy = methods.ToDictionary(m => m, m => Enumerable.Range(0, Compositions.Count).Select(c => result.Accuracy(m, c)).ToArray(), StringComparer.Ordinal);
        Tested = result.Tested;
        DistinctLengths = [.. Lengths.Distinct().Order()];
    }

    public IReadOnlyList<string> Methods { get; }

    public IReadOnlyList<string> Compositions { get; }

    public IReadOnlyList<int> Lengths { get; }

    public IReadOnlyList<int> DistinctLengths { get; }

    public IReadOnlyDictionary<string, double[]> Accuracy { get; }

    public IReadOnlyList<long> Tested { get; }

    public double MeanAtLength(string method, int length) =>
        Enumerable.Range(0, Compositions.Count).Where(c => Lengths[c] == length).Select(c => Accuracy[method][c]).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Mean over lengths >= 2 of the per-length means.</summary>
    public double UnseenMean(string method) => DistinctLengths.Where(l => l >= 2).Select(l => MeanAtLength(method, l)).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Composition indices sorted by length, then list order (the heatmap's columns).</summary>
    public IReadOnlyList<int> ByLength() => [.. Enumerable.Range(0, Compositions.Count).OrderBy(c => Lengths[c]).ThenBy(c => c)];

    /// <summary>(composition, best modular − best monolithic) for the <paramref name="count"/> largest gains; empty without both kinds.</summary>
    public IReadOnlyList<(int Composition, double Gain)> ModularGains(int count)
    {
        var modular = Methods.Where(CompositionalMethods.IsModular).ToList();
        var monolithic = Methods.Where(m => !CompositionalMethods.IsModular(m)).ToList();
        if (modular.Count == 0 || monolithic.Count == 0)
        {
            return [];
        }

        return [.. Enumerable.Range(0, Compositions.Count)
            .Select(c => (c, modular.Max(m => Accuracy[m][c]) - monolithic.Max(m => Accuracy[m][c])))
            .OrderByDescending(g => g.Item2).Take(count)];
    }

    /// <summary>
    /// Methods × compositions (sorted by length) as RGB pixels: each cell <paramref name="cell"/> px wide and
    /// <paramref name="rowHeight"/> px high, shaded from dark blue (0 %) to yellow (100 %), a white column between lengths.
    /// </summary>
    public (int Height, int Width, byte[] Pixels) Heatmap(int cell = 4, int rowHeight = 24)
    {
        var order = ByLength();
        int separators = DistinctLengths.Count - 1;
        int width = (order.Count * cell) + separators;
        int height = Methods.Count * rowHeight;
        var pixels = new byte[height * width * 3];
        for (int m = 0; m < Methods.Count; m++)
        {
            int x = 0;
            for (int i = 0; i < order.Count; i++)
            {
                if (i > 0 && Lengths[order[i]] != Lengths[order[i - 1]])
                {
                    Fill(pixels, width, m * rowHeight, rowHeight, x, 1, (255, 255, 255));
                    x++;
                }

                Fill(pixels, width, m * rowHeight, rowHeight, x, cell, Colour(Accuracy[Methods[m]][order[i]]));
                x += cell;
            }
        }

        return (height, width, pixels);
    }

    private static void Fill(byte[] pixels, int width, int top, int height, int left, int cellWidth, (byte R, byte G, byte B) colour)
    {
        for (int r = top; r < top + height; r++)
        {
            for (int c = left; c < left + cellWidth; c++)
            {
                int o = ((r * width) + c) * 3;
                pixels[o] = colour.R;
                pixels[o + 1] = colour.G;
                pixels[o + 2] = colour.B;
            }
        }
    }

    /// <summary>A viridis-like ramp: (68, 1, 84) at 0 through (33, 145, 140) to (253, 231, 37) at 1; grey for NaN.</summary>
    public static (byte R, byte G, byte B) Colour(double accuracy)
    {
        if (double.IsNaN(accuracy))
        {
            return (128, 128, 128);
        }

        double t = Math.Clamp(accuracy, 0, 1);
        (double r, double g, double b) a = t < 0.5 ? (68, 1, 84) : (33, 145, 140);
        (double r, double g, double b) z = t < 0.5 ? (33, 145, 140) : (253, 231, 37);
        double u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
        return ((byte)(a.r + ((z.r - a.r) * u)), (byte)(a.g + ((z.g - a.g) * u)), (byte)(a.b + ((z.b - a.b) * u)));
    }

    public ExperimentSummary Summary(IReadOnlyDictionary<string, string> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var figures = new List<SummaryFigure>();
        foreach (string m in Methods)
        {
            double seen = MeanAtLength(m, 1);
            double unseen = UnseenMean(m);
            figures.Add(new SummaryFigure($"{m}: elementals", Percent(seen), seen));
            figures.Add(new SummaryFigure($"{m}: unseen compositions (mean over lengths ≥ 2)", Percent(unseen), unseen));
        }

        var lengthColumns = DistinctLengths.Select(l => l == 1 ? "1 (elementals)" : l.ToString(CultureInfo.InvariantCulture)).ToList();
        var byLength = new SummaryTable(
            "compositional-by-length",
            "Accuracy by composition length",
            ["method", .. lengthColumns, "unseen mean (≥ 2)"],
            [.. Methods.Select(m => new SummaryRow([m, .. DistinctLengths.Select(l => Percent(MeanAtLength(m, l))), Percent(UnseenMean(m))], runIds.GetValueOrDefault(m)))],
            "Mean accuracy over the compositions of each length; the unseen mean weights every length ≥ 2 equally.");
        var gains = ModularGains(10);
        var gainTable = new SummaryTable(
            "compositional-modular-gains",
            "Compositions where modular methods gain most",
            ["composition", "length", "gain (best modular − best monolithic)", .. Methods],
            [.. gains.Select(g => new SummaryRow([Compositions[g.Composition], Lengths[g.Composition].ToString(CultureInfo.InvariantCulture), Points(g.Gain), .. Methods.Select(m => Percent(Accuracy[m][g.Composition]))]))]);
        var perComposition = new SummaryTable(
            "compositional-accuracy",
            "Accuracy per composition (sorted by length)",
            ["composition", "length", "images", .. Methods],
            [.. ByLength().Select(c => new SummaryRow([Compositions[c], Lengths[c].ToString(CultureInfo.InvariantCulture), Tested[c].ToString(CultureInfo.InvariantCulture), .. Methods.Select(m => Percent(Accuracy[m][c]))]))]);
        var images = new List<SummaryImage> { new(HeatmapImage, $"Accuracy, methods ({string.Join(", ", Methods)}, top to bottom) × compositions sorted by length (white lines between lengths); dark blue 0 %, yellow 100 %") };
        images.AddRange(Methods.Select(m => new SummaryImage(LengthImage(m), $"{m}: accuracy vs composition length")));
        var curves = Methods.Select(m => new SummaryCurve($"{m}/{LengthMetric}", $"{m}: accuracy vs composition length (step = length)")).ToList();
        curves.AddRange(Methods.Where(runIds.ContainsKey).Select(m => new SummaryCurve(m == CompositionalMethods.Contrastive ? "train/loss" : "batch/loss", $"{m}: training loss", runIds[m])));
        return new ExperimentSummary(figures, [byLength, gainTable, perComposition], images, curves);
    }

    public static string LengthImage(string method) => "length-" + method;

    private static string Percent(double value) => double.IsNaN(value) ? "-" : (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Points(double value) => (value * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pts";
}
