namespace DigitForge.Domain.MixedEffects;

/// <summary>
/// The paired two-sided t-test (scipy.stats.ttest_rel): t = mean(a - b) / (sd(a - b) / sqrt(n)) with the n-1
/// denominator, p = P(|T| >= |t|) for Student's t with n-1 degrees of freedom. NaN when n &lt; 2; when every
/// difference is equal, t is ±infinity (p 0) or NaN for all-zero differences, as SciPy.
/// </summary>
public static class PairedTTest
{
    public readonly record struct Result(double T, double P, int DegreesOfFreedom);

    public static Result Test(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples need the same length ({a.Count} and {b.Count}).", nameof(b));
        }

        int n = a.Count;
        if (n < 2)
        {
            return new Result(double.NaN, double.NaN, n - 1);
        }

        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += a[i] - b[i];
        }

        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double d = a[i] - b[i] - mean;
            ss += d * d;
        }

        double se = Math.Sqrt(ss / (n - 1) / n);
        double t = mean / se;
        int df = n - 1;
        double p = double.IsNaN(t) ? double.NaN : TwoSidedP(t, df);
        return new Result(t, p, df);
    }

    /// <summary>P(|T| >= |t|) for Student's t with <paramref name="df"/> degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).</summary>
    public static double TwoSidedP(double t, double df)
    {
        if (double.IsInfinity(t))
        {
            return 0;
        }

        return RegularizedIncompleteBeta(df / 2, 0.5, df / (df + (t * t)));
    }

    /// <summary>I_x(a, b) by the continued fraction (Numerical Recipes' betacf, modified Lentz), ~1e-14 relative.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        double front = Math.Exp((a * Math.Log(x)) + (b * Math.Log(1 - x)) - LogBeta(a, b));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - (front * ContinuedFraction(b, a, 1 - x) / b);
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - (qab * x / qap);
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 1000; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return h;
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~1e-15 relative).</summary>
    public static double LogGamma(double x)
    {
        double[] coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        double sum = coefficients[0];
        double t = x + 7.5;
        for (int i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
