namespace DigitForge.Domain.Mnist1D;

/// <summary>
/// The raw scalar draws of one sample before they become parameters: the uniforms behind padding, scale and shear,
/// and the shift index (the normals travel separately).
/// </summary>
internal readonly record struct Mnist1DUniformDraws(double Padding, double Scale, int Shift, double Shear);
