using DigitForge.Application.Common;
using DigitForge.Domain.Morphology.Perturbations;

namespace DigitForge.Application.Morphology;

/// <summary>Morpho-MNIST's perturbations by name, as the command line and requests give them.</summary>
public static class MorphoPerturbations
{
    public const string Names = "thin, thick, swell, fracture, set-thickness, set-slant or set-width";

    /// <summary>
    /// The perturbation <paramref name="op"/> with <paramref name="value"/> (its amount, or the target of a set-* op);
    /// an unknown name or a missing target is a <see cref="RequestValidationException"/> naming <paramref name="field"/>
    /// or <c>value</c>.
    /// </summary>
    public static IMorphoPerturbation Parse(string op, double? value, string field = "op")
    {
        ArgumentNullException.ThrowIfNull(op);
        return op.ToUpperInvariant() switch
        {
            "THIN" => new Thinning(value ?? Thinning.DefaultAmount),
            "THICK" => new Thickening(value ?? Thickening.DefaultAmount),
            "SWELL" => new Swelling(value ?? Swelling.DefaultStrength),
            "FRACTURE" => new Fracture(Count: (int)(value ?? Fracture.DefaultCount)),
            "SET-THICKNESS" => new SetThickness(value ?? throw Missing(op)),
            "SET-SLANT" => new SetSlant(value ?? throw Missing(op)),
            "SET-WIDTH" => new SetWidth(value ?? throw Missing(op)),
            _ => throw new RequestValidationException(field, $"Unknown operation '{op}'. Use {Names}."),
        };
    }

    /// <summary>Adds the error of <see cref="Parse"/>, if any, to <paramref name="errors"/>.</summary>
    public static void Check(string op, double? value, ICollection<ValidationError> errors, string field = "op")
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            Parse(op, value, field);
        }
        catch (RequestValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                errors.Add(error);
            }
        }
    }

    private static RequestValidationException Missing(string op) => new("value", $"{op} needs --value (the target).");
}
