namespace DigitForge.Application.Mnist1D;

/// <summary>How a whole MNIST-1D dataset is written.</summary>
public enum Mnist1DFileFormat
{
    /// <summary>An .npz with the reference's keys, as <c>numpy.load</c> reads it (the default).</summary>
    Npz = 0,

    /// <summary>The reference's dict as JSON (<c>x</c>, <c>x_test</c>, <c>y</c>, <c>y_test</c>, <c>t</c>, <c>templates</c>).</summary>
    Json = 1,
}
