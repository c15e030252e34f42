using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DigitForge.TestSupport;

/// <summary>Builds a small npm-pack-shaped .tgz: package/package.json and package/src/digits/&lt;d&gt;.json.</summary>
public static class FakeNpmTarball
{
    /// <summary>Image k of digit d has every pixel = (d * 10 + k) / 255 written with 3 decimals, like the real files.</summary>
    public static async Task WriteAsync(string path, int[] imagesPerDigit, Func<int, string>? jsonForDigit = null)
    {
        await using FileStream file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        await AddAsync(tar, "package/package.json", """{ "name": "mnist", "version": "1.1.0" }""");
        for (int digit = 0; digit < imagesPerDigit.Length; digit++)
        {
            await AddAsync(tar, $"package/src/digits/{digit}.json", jsonForDigit?.Invoke(digit) ?? Json(digit, imagesPerDigit[digit]));
        }
    }

    public static byte PixelOf(int digit, int image) => (byte)((digit * 10) + image);

    public static string Json(int digit, int images)
    {
        var values = new List<string>();
        for (int image = 0; image < images; image++)
        {
            string value = (PixelOf(digit, image) / 255.0).ToString("0.###", CultureInfo.InvariantCulture);
            values.AddRange(Enumerable.Repeat(value, 784));
        }

        return $$"""{ "data": [{{string.Join(",", values)}}] }""";
    }

    private static async Task AddAsync(TarWriter tar, string name, string content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) };
        await tar.WriteEntryAsync(entry);
    }
}
