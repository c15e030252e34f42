namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>How the orderings of 3 to 6 corruptions of the 167-composition list are drawn.</summary>
public enum CompositionSampler
{
    /// <summary>Our keyed generator (xoshiro256**, a stream per combination): the default list.</summary>
    Keyed,

    /// <summary>CPython's Mersenne Twister and <c>random.sample</c>, as the reference's sample_corruptions.py draws them.</summary>
    Python,
}
