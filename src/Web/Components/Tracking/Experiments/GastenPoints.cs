using System.Globalization;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>One step-2 epoch of a GASTeN run, a row of the parent's <c>fid_vs_acd.csv</c>.</summary>
public sealed record GastenPoint(string RunId, string Classifier, string Weight, int Step1Epoch, int Epoch, double Fid, double Acd, double AmbiguousShare, bool Pareto);

/// <summary>Reads the GASTeN parent run's <c>fid_vs_acd.csv</c> (written by the gasten kind) and orders its Pareto front.</summary>
public static class GastenPoints
{
    /// <summary>The rows of the CSV (header <c>run_id,classifier,weight,s1_epoch,epoch,fid,conf_dist,ambiguous_share,pareto</c>); malformed lines are skipped.</summary>
    public static IReadOnlyList<GastenPoint> Parse(string? csv)
    {
        var points = new List<GastenPoint>();
        if (string.IsNullOrWhiteSpace(csv))
        {
            return points;
        }

        foreach (string line in csv.Split('\n').Skip(1))
        {
            string[] f = line.Trim().Split(',');
            if (f.Length < 9
                || !int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int s1)
                || !int.TryParse(f[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch)
                || !double.TryParse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture, out double fid)
                || !double.TryParse(f[6], NumberStyles.Float, CultureInfo.InvariantCulture, out double acd)
                || !double.TryParse(f[7], NumberStyles.Float, CultureInfo.InvariantCulture, out double share))
            {
                continue;
            }

            points.Add(new GastenPoint(f[0], f[1], f[2], s1, epoch, fid, acd, share, f[8] == "true"));
        }

        return points;
    }

    /// <summary>The Pareto-efficient points left to right (ACD ascending), the front's line through them.</summary>
    public static IReadOnlyList<GastenPoint> Front(IEnumerable<GastenPoint> points) =>
        [.. points.Where(p => p.Pareto).OrderBy(p => p.Acd).ThenByDescending(p => p.Fid)];

    /// <summary>Ten 0.1-wide bins from the kind's 20-bin histogram of C (each pair of bins summed).</summary>
    public static int[] TenBins(IReadOnlyList<int> twenty)
    {
        ArgumentNullException.ThrowIfNull(twenty);
        int[] bins = new int[10];
        for (int i = 0; i < twenty.Count; i++)
        {
            bins[Math.Min(9, i * 10 / Math.Max(1, twenty.Count))] += twenty[i];
        }

        return bins;
    }

    /// <summary>A bin's range as the grid's header shows it, e.g. "0.4–0.5".</summary>
    public static string BinLabel(int bin) => string.Create(CultureInfo.InvariantCulture, $"{bin / 10.0:0.0}–{(bin + 1) / 10.0:0.0}");
}
