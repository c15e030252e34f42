using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DigitForge.Domain.Data;
using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Sequences;

/// <summary>
/// Renders a digit sequence as the reference <c>generate_numbers_sequence</c> does: a float32 image of height 28 and
/// the resolved width, 0 = ink, 1 = white paper, gaps white, no margin before the first or after the last digit.
/// </summary>
/// <remarks>
/// <para>Per digit: a uniformly random source image of that label, inverted and normalised ((255 - x) / 255 in float32).</para>
/// <para><b>Random mode</b>: gaps drawn uniformly from [min, max]; digits at natural width 28 and gaps are concatenated,
/// the filters run on the whole strip, then one <see cref="HorizontalResize"/> stretches or squeezes the strip to the
/// width (skipped when it already matches, where it would be an exact copy).</para>
/// <para><b>Evenly mode</b>: <see cref="EvenLayout"/> fixes integer digit widths and gaps summing to the width; the filters
/// run on each 28x28 digit, which is then resized to its width (unless 28); no final resize.</para>
/// <para><b>Determinism</b>: the output depends only on the spec, the source and the random stream, which is drawn in
/// this order: (1) one <see cref="KeyedRandom.NextInt"/>(count of that label) per digit, left to right, choosing its
/// image; (2) random mode only: n-1 gaps, one <see cref="KeyedRandom.NextIntInclusive"/>(min, max) each, left to right;
/// (3) the filters' own draws (distort: one per row, top to bottom): in random mode each filter once on the strip, in
/// list order; in evenly mode for each digit left to right, its filters in list order. Same seed, same bytes.</para>
/// </remarks>
public static class SequenceRenderer
{
    private const int Size = SequenceRules.DigitSize;

    /// <summary>(255 - x) / 255 as float32, the reference's invert + normalise of a uint8 pixel.</summary>
    private static readonly float[] PaperFromInk = BuildLookup();

    /// <summary>
    /// Renders <paramref name="spec"/> with digit images from <paramref name="source"/> (28x28, IDX convention) and
    /// randomness from <paramref name="random"/>. Throws <see cref="SequenceSpecException"/> when the spec breaks the
    /// reference rules (service limits are the caller's business) and <see cref="DigitUnavailableException"/> when the
    /// source has no image of a requested digit.
    /// </summary>
    public static GrayImage Render(SequenceSpec spec, LabeledImages source, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new SequenceSpecException(errors);
        }

        return RenderValid(spec, source, random);
    }

    /// <summary>
    /// <see cref="Render"/> for a spec its caller has already checked (the sequence use case validates each request
    /// once, in its validator): the reference rules are not checked again here.
    /// </summary>
    public static GrayImage RenderValid(SequenceSpec spec, LabeledImages source, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(random);
        if (source.Rows != Size || source.Cols != Size)
        {
            throw new ArgumentException($"Source images must be {Size}x{Size}, got {source.Rows}x{source.Cols}.", nameof(source));
        }

        int n = spec.Digits.Count;
        var chosen = new int[n];
        for (int i = 0; i < n; i++)
        {
            int digit = SequenceRules.NormalizeDigit(spec.Digits[i]);
            var candidates = source.IndicesOf(digit);
            if (candidates.IsEmpty)
            {
                throw new DigitUnavailableException(digit);
            }

            chosen[i] = candidates[random.NextInt(candidates.Length)];
        }

        int width = (int)spec.ResolvedWidth;
        return spec.Evenly
            ? RenderEvenly(spec, source, chosen, width, random)
            : RenderRandomly(spec, source, chosen, width, random);
    }

    private static GrayImage RenderRandomly(SequenceSpec spec, LabeledImages source, int[] chosen, int width, KeyedRandom random)
    {
        int n = chosen.Length;
        var gaps = new int[Math.Max(0, n - 1)];
        int stripWidth = n * Size;
        for (int i = 0; i < gaps.Length; i++)
        {
            gaps[i] = random.NextIntInclusive(spec.Spacing.Min, spec.Spacing.Max);
            stripWidth = checked(stripWidth + gaps[i]);
        }

        // Every pixel is written below (digit columns, then white gap columns), so the array need not be zeroed first.
        var strip = new GrayImage(Size, stripWidth, GC.AllocateUninitializedArray<float>(checked(Size * stripWidth))) { InkIsDark = true };
        int offset = 0;
        for (int i = 0; i < n; i++)
        {
            WriteDigit(source.Image(chosen[i]), strip.Pixels.AsSpan(offset), stripWidth);
            offset += Size;
            if (i < gaps.Length && gaps[i] > 0)
            {
                for (int row = 0; row < Size; row++)
                {
                    strip.Pixels.AsSpan((row * stripWidth) + offset, gaps[i]).Fill(1f);
                }

                offset += gaps[i];
            }
        }

        foreach (var filter in spec.Filters)
        {
            filter.Apply(strip, random);
        }

        if (stripWidth == width)
        {
            return strip;
        }

        var result = new GrayImage(Size, width);
        HorizontalResize.ResizeInto(strip.Pixels, Size, stripWidth, result.Pixels, width, width);
        return result;
    }

    private static GrayImage RenderEvenly(SequenceSpec spec, LabeledImages source, int[] chosen, int width, KeyedRandom random)
    {
        var layout = EvenLayout.Compute(chosen.Length, width, spec.Spacing);
        var result = GrayImage.Filled(Size, width, 1f);
        GrayImage? scratch = null;
        int offset = 0;
        for (int i = 0; i < chosen.Length; i++)
        {
            int digitWidth = layout.DigitWidths[i];
            var target = result.Pixels.AsSpan(offset);
            if (spec.Filters.Count == 0 && digitWidth == Size)
            {
                WriteDigit(source.Image(chosen[i]), target, width);
            }
            else
            {
                scratch ??= new GrayImage(Size, Size);
                WriteDigit(source.Image(chosen[i]), scratch.Pixels, Size);
                foreach (var filter in spec.Filters)
                {
                    filter.Apply(scratch, random);
                }

                HorizontalResize.ResizeInto(scratch.Pixels, Size, Size, target, width, digitWidth);
            }

            offset += digitWidth + (i < layout.Gaps.Count ? layout.Gaps[i] : 0);
        }

        return result;
    }

    /// <summary>Writes one inverted, normalised 28x28 digit with its rows <paramref name="stride"/> apart.</summary>
    internal static void WriteDigit(ReadOnlySpan<byte> image, Span<float> target, int stride)
    {
        if (image.Length < Size * Size || stride < Size || target.Length < ((Size - 1) * stride) + Size)
        {
            throw new ArgumentException("The digit or its target is too small.", nameof(target));
        }

        if (Vector256.IsHardwareAccelerated)
        {
            // 8 pixels per step at columns 0, 8, 16 and 20 (the last overlaps by 4, rewriting equal values), with
            // the table's arithmetic: exact integer to float conversions, then one correctly rounded float division.
            ref byte from = ref MemoryMarshal.GetReference(image);
            ref float to = ref MemoryMarshal.GetReference(target);
            for (int row = 0; row < Size; row++)
            {
                ref byte line = ref Unsafe.Add(ref from, row * Size);
                ref float destination = ref Unsafe.Add(ref to, row * stride);
                PaperFromInk8(ref line).StoreUnsafe(ref destination);
                PaperFromInk8(ref Unsafe.Add(ref line, 8)).StoreUnsafe(ref Unsafe.Add(ref destination, 8));
                PaperFromInk8(ref Unsafe.Add(ref line, 16)).StoreUnsafe(ref Unsafe.Add(ref destination, 16));
                PaperFromInk8(ref Unsafe.Add(ref line, Size - 8)).StoreUnsafe(ref Unsafe.Add(ref destination, Size - 8));
            }

            return;
        }

        var lookup = PaperFromInk.AsSpan();
        for (int row = 0; row < Size; row++)
        {
            var from = image.Slice(row * Size, Size);
            var to = target.Slice(row * stride, Size);
            for (int col = 0; col < Size; col++)
            {
                to[col] = lookup[from[col]];
            }
        }
    }

    /// <summary>(255 - x) / 255 in float32 for the 8 bytes at <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PaperFromInk8(ref byte source)
    {
        var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte();
        var ink = Vector256.ConvertToSingle(Vector256.WidenLower(Vector128.WidenLower(bytes).ToVector256Unsafe()).AsInt32());
        var full = Vector256.Create(255f);
        return (full - ink) / full;
    }

    private static float[] BuildLookup()
    {
        var table = new float[256];
        for (int x = 0; x < table.Length; x++)
        {
            table[x] = (255 - x) / 255f;
        }

        return table;
    }
}
