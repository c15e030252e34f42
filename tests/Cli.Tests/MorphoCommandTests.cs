using System.Globalization;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;

namespace DigitForge.Cli.Tests;

public sealed class MorphoCommandTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    private Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(_work.Path, null, ["morpho", .. args]);

    [Fact]
    public async Task Measure_writes_the_csv_and_perturb_moves_the_thickness()
    {
        File.WriteAllBytes(_work.File("bar.png"), PngEncoder.EncodeGray8(Bar(), 28, 28));

        var thick = await Run("perturb", "bar.png", "--op", "thick", "-o", "thick.png");
        var measured = await Run("measure", "bar.png", "thick.png", "-o", "m.csv");

        Assert.True(thick.ExitCode == 0, thick.ToString());
        Assert.True(measured.ExitCode == 0, measured.ToString());
        var lines = File.ReadAllLines(_work.File("m.csv"));
        Assert.Equal("index,name,area,length,thickness,slant,width,height", lines[0]);
        double Thickness(int line) => double.Parse(lines[line].Split(',')[4], CultureInfo.InvariantCulture);
        Assert.True(Thickness(2) > Thickness(1) * 1.5, string.Join('\n', lines));
    }

    [Fact]
    public async Task Perturbing_an_empty_image_says_why_and_bad_input_exits_2()
    {
        File.WriteAllBytes(_work.File("empty.png"), PngEncoder.EncodeGray8(new byte[784], 28, 28));

        var empty = await Run("perturb", "empty.png", "--op", "fracture", "-o", "out.png");
        var unknown = await Run("perturb", "empty.png", "--op", "melt", "-o", "out.png");

        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("constant", empty.StdOut, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
    }

    private static byte[] Bar()
    {
        var image = new byte[784];
        for (int r = 5; r < 23; r++)
        {
            for (int c = 12; c < 15; c++)
            {
                image[(r * 28) + c] = 255;
            }
        }

        return image;
    }
}
