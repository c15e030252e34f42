using System.Diagnostics.CodeAnalysis;

namespace DigitForge.Infrastructure.Encoding;

/// <summary>
/// A NumPy dtype we can write and read: its <c>descr</c> string exactly as numpy writes it, the item size, and the .NET
/// element type with the same memory layout. All multi-byte types are little-endian.
/// </summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are named after numpy's dtypes on purpose.")]
public sealed class NpyDType : IEquatable<NpyDType>
{
    public static readonly NpyDType Bool = new("|b1", typeof(bool));
    public static readonly NpyDType Int8 = new("|i1", typeof(sbyte));
    public static readonly NpyDType UInt8 = new("|u1", typeof(byte));
    public static readonly NpyDType Int16 = new("<i2", typeof(short));
    public static readonly NpyDType UInt16 = new("<u2", typeof(ushort));
    public static readonly NpyDType Int32 = new("<i4", typeof(int));
    public static readonly NpyDType UInt32 = new("<u4", typeof(uint));
    public static readonly NpyDType Int64 = new("<i8", typeof(long));
    public static readonly NpyDType UInt64 = new("<u8", typeof(ulong));
    public static readonly NpyDType Float32 = new("<f4", typeof(float));
    public static readonly NpyDType Float64 = new("<f8", typeof(double));

    private static readonly NpyDType[] All = [Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64];

    private NpyDType(string descr, Type elementType)
        : this(descr, elementType, descr[2] - '0')
    {
    }

    private NpyDType(string descr, Type elementType, int itemSize)
    {
        Descr = descr;
        ElementType = elementType;
        ItemSize = itemSize;
    }

    /// <summary>
    /// NumPy's fixed-width unicode string <c>&lt;U<paramref name="characters"/></c>: UTF-32LE code points, zero-padded
    /// (for text extras such as names). Its <see cref="ElementType"/> is int: one code point per 4 bytes.
    /// </summary>
    public static NpyDType Unicode(int characters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(characters, 1);
        return new NpyDType(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<U{characters}"), typeof(int), checked(4 * characters));
    }

    /// <summary>The numpy <c>descr</c>, e.g. <c>&lt;f4</c>; <c>|</c> marks types where byte order does not apply.</summary>
    public string Descr { get; }

    public int ItemSize { get; }

    /// <summary>The .NET type whose values these elements are (bool is one byte in arrays, like numpy's).</summary>
    public Type ElementType { get; }

    /// <summary>The dtype of .NET element type <typeparamref name="T"/>.</summary>
    public static NpyDType Of<T>()
        where T : unmanaged =>
        Array.Find(All, d => d.ElementType == typeof(T))
        ?? throw new NotSupportedException($"No NPY dtype for {typeof(T).Name}; supported: {string.Join(", ", All.Select(d => d.ElementType.Name))}.");

    /// <summary>
    /// Parses a descr as found in NPY headers. Single-byte types are accepted with any byte-order mark; big-endian
    /// multi-byte types are rejected because we never byte-swap.
    /// </summary>
    public static NpyDType Parse(string descr)
    {
        ArgumentNullException.ThrowIfNull(descr);
        if (TryParse(descr, out var dtype))
        {
            return dtype;
        }

        string reason = descr.Length == 3 && descr[0] == '>' ? " (big-endian data is not supported)" : string.Empty;
        throw new InvalidDataException($"Unsupported NPY dtype '{descr}'{reason}; supported: {string.Join(", ", All.Select(d => d.Descr))}.");
    }

    public static bool TryParse(string? descr, [NotNullWhen(true)] out NpyDType? dtype)
    {
        dtype = null;
        if (descr is { Length: > 2 } && descr[0] is '<' or '=' && descr[1] == 'U'
            && int.TryParse(descr.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int characters)
            && characters is > 0 and < (1 << 24))
        {
            dtype = Unicode(characters);
            return true;
        }

        if (descr is not { Length: 3 })
        {
            return false;
        }

        foreach (var candidate in All)
        {
            bool sameType = descr.AsSpan(1).SequenceEqual(candidate.Descr.AsSpan(1));
            bool orderOk = descr[0] == candidate.Descr[0]
                || (descr[0] == '=' && BitConverter.IsLittleEndian)
                || (candidate.ItemSize == 1 && descr[0] is '<' or '>' or '|' or '=');
            if (sameType && orderOk)
            {
                dtype = candidate;
                return true;
            }
        }

        return false;
    }

    public bool Equals(NpyDType? other) => other is not null && Descr == other.Descr;

    public override bool Equals(object? obj) => Equals(obj as NpyDType);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Descr);

    public override string ToString() => Descr;
}
