using DigitForge.Application.Experiments.Gasten;

namespace DigitForge.UnitTests.Gasten;

public sealed class GastenPicturesTests
{
    [Fact]
    public void The_pareto_front_keeps_points_no_other_point_beats_in_both()
    {
        var points = new List<(double, double)> { (0.1, 50), (0.2, 30), (0.3, 30), (0.05, 80), (0.2, 60), (0.4, 10) };
        Assert.Equal([true, true, false, true, false, true], GastenPictures.ParetoEfficient(points));
    }

    [Fact]
    public void Histogram_bins_are_tenths_and_twentieths_of_zero_to_one()
    {
        int[] counts = GastenPictures.Histogram([0f, 0.049f, 0.05f, 0.5f, 0.999f, 1f], bins: 20);
        Assert.Equal(20, counts.Length);
        Assert.Equal(2, counts[0]);
        Assert.Equal(1, counts[1]);
        Assert.Equal(1, counts[10]);
        Assert.Equal(2, counts[19]);
    }

    [Fact]
    public void The_sorted_grid_has_ten_bins_of_three_columns_padded_to_the_largest_bin()
    {
        const int size = 4;
        float[] confidence = [0.05f, 0.06f, 0.07f, 0.08f, 0.55f, 0.95f];
        float[] images = new float[confidence.Length * size * size];
        for (int i = 0; i < confidence.Length; i++)
        {
            images.AsSpan(i * size * size, size * size).Fill(1f); // white images on the blank (-1 = black) tiles
        }

        var grid = GastenPictures.SortedGrid(images, confidence, size);
        // Bin 0 holds 4 images: 2 rows of 3 tiles.
        int tile = size + 2;
        Assert.Equal((2 * tile) + 2, grid.Height);
        Assert.Equal((10 * ((3 * tile) + 2)) + (9 * 4), grid.Width);
        byte Pixel(int x, int y) => grid.Pixels[(y * grid.Width) + x];
        Assert.Equal(255, Pixel(2, 2));              // bin 0, first tile
        Assert.Equal(255, Pixel(2, 2 + tile));       // bin 0, fourth image on the second row
        Assert.Equal(0, Pixel(2 + tile, 2 + tile));  // bin 0, a blank tile
        int bin5 = 5 * ((3 * tile) + 2 + 4);
        Assert.Equal(255, Pixel(bin5 + 2, 2));       // 0.55 in bin 5
        Assert.Equal(128, Pixel(bin5 - 1, 0));       // the separator before bin 5
        Assert.Equal(0, Pixel(5 * ((3 * tile) + 2 + 4) - ((3 * tile) + 2 + 4) + 2, 2)); // bin 4 is empty
    }

    [Fact]
    public void Npy_files_have_a_64_byte_aligned_header()
    {
        byte[] npy = GastenPictures.Npy([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        Assert.Equal(0x93, npy[0]);
        int header = BitConverter.ToUInt16(npy, 8);
        Assert.Equal(0, (10 + header) % 64);
        Assert.Contains("'shape': (2, 3)", System.Text.Encoding.ASCII.GetString(npy, 10, header), StringComparison.Ordinal);
        Assert.Equal(10 + header + 24, npy.Length);
    }
}
