namespace DigitForge.Domain.Morphology;

/// <summary>
/// Morpho-MNIST's six measurements of one digit (<c>measure_image</c>), in low-resolution pixels: area (px^2), stroke
/// length, mean stroke thickness, slant (radians, positive = leaning right), width and height of the bounding
/// parallelogram. All NaN for an image without a stroke (constant).
/// </summary>
public readonly record struct Morphometrics(double Area, double Length, double Thickness, double Slant, double Width, double Height)
{
    /// <summary>Column names in the order of the published CSV files.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["area", "length", "thickness", "slant", "width", "height"];

    public static Morphometrics NaN { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);

    public bool IsNaN => double.IsNaN(Area);

    public double this[int column] => column switch
    {
        0 => Area,
        1 => Length,
        2 => Thickness,
        3 => Slant,
        4 => Width,
        5 => Height,
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };
}
