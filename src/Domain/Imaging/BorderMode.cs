namespace DigitForge.Domain.Imaging;

/// <summary>How SciPy's ndimage filters extend an array past its edges.</summary>
public enum BorderMode
{
    /// <summary>'reflect': d c b a | a b c d | d c b a (SciPy's default).</summary>
    Reflect,

    /// <summary>'nearest': a a a a | a b c d | d d d d (scikit-image's gaussian default).</summary>
    Nearest,

    /// <summary>'constant': k k k k | a b c d | k k k k with k = cval.</summary>
    Constant,
}
