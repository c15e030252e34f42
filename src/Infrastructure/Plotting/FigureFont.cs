using SkiaSharp;

namespace DigitForge.Infrastructure.Plotting;

/// <summary>
/// The one typeface every figure draws text in: DejaVu Sans, embedded in this assembly rather than looked up among the
/// machine's fonts, so a figure renders the same glyphs in CI, in the container (which has no fonts) and on a laptop.
/// ScottPlot is pointed at it too (<see cref="EnsureScottPlotUsesIt"/>).
/// </summary>
internal static class FigureFont
{
    public const string Family = "DejaVu Sans";
    private const string Resource = "DigitForge.Plotting.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<bool> ScottPlotConfigured = new(ConfigureScottPlot, LazyThreadSafetyMode.ExecutionAndPublication);

    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>A font of <paramref name="size"/> pixels with grey-scale anti-aliasing (no LCD subpixels: PNGs look the same on every screen).</summary>
    public static SKFont Create(float size) => new(Typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.None };

    /// <summary>Registers the embedded typeface as ScottPlot's font for every family name it asks for; idempotent.</summary>
    public static void EnsureScottPlotUsesIt() => _ = ScottPlotConfigured.Value;

    private static SKTypeface Load()
    {
        using var stream = typeof(FigureFont).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded font {Resource} is missing from {typeof(FigureFont).Assembly.GetName().Name}.");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"SkiaSharp could not load the embedded font {Resource}.");
    }

    private static bool ConfigureScottPlot()
    {
        ScottPlot.Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
        ScottPlot.Fonts.Default = Family;
        ScottPlot.Fonts.Sans = Family;
        return true;
    }

    /// <summary>Answers every ScottPlot font request with the embedded typeface (bold and italic included: one face keeps it deterministic).</summary>
    private sealed class EmbeddedFontResolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Typeface;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) => Typeface;
    }
}
