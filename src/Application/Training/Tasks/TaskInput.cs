namespace DigitForge.Application.Training.Tasks;

/// <summary>A named row-major array; <see cref="Shape"/>[0] is the row count.</summary>
public abstract record TaskInput(string Name, IReadOnlyList<long> Shape)
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named for the engine's dtype (DF_DTYPE_FLOAT32).")]
    public static TaskInput Float32(string name, float[] data, params long[] shape) => new Float32Input(name, data, shape);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Named for the engine's dtype (DF_DTYPE_INT64).")]
    public static TaskInput Int64(string name, long[] data, params long[] shape) => new Int64Input(name, data, shape);
}

public sealed record Float32Input(string Name, float[] Data, IReadOnlyList<long> Shape) : TaskInput(Name, Shape);

public sealed record Int64Input(string Name, long[] Data, IReadOnlyList<long> Shape) : TaskInput(Name, Shape);
