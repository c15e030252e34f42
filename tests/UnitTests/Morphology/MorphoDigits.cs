namespace DigitForge.UnitTests.Morphology;

/// <summary>Test digits: MNIST train image 0 (the "5" whose morphometrics the Morpho-MNIST tests quote) and synthetic shapes.</summary>
internal static class MorphoDigits
{
    private const string TrainImage0Hex = "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000031212127e88af1aa6fff77f0000000000000000000000001e245e9aaafdfdfdfdfde1acfdf2c340000000000000000000000031eefdfdfdfdfdfdfdfdfb5d5252382700000000000000000000000012dbfdfdfdfdfdc6b6f7f1000000000000000000000000000000000000509c6bfdfdcd0b002b9a000000000000000000000000000000000000000e019afd5a000000000000000000000000000000000000000000000000008bfdbe020000000000000000000000000000000000000000000000000bbefd460000000000000000000000000000000000000000000000000023f1e1a06c01000000000000000000000000000000000000000000000051f0fdfd771900000000000000000000000000000000000000000000002dbafdfd961b0000000000000000000000000000000000000000000000105dfcfdbb00000000000000000000000000000000000000000000000000f9fdf9400000000000000000000000000000000000000000002e82b7fdfdcf02000000000000000000000000000000000000002794e5fdfdfdfab60000000000000000000000000000000000001872ddfdfdfdfdc94e00000000000000000000000000000000001742d5fdfdfdfdc651020000000000000000000000000000000012abdbfdfdfdfdc350090000000000000000000000000000000037ace2fdfdfdfdf4850b00000000000000000000000000000000000088fdfdfdd487841000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    public static byte[] TrainImage0 { get; } = Convert.FromHexString(TrainImage0Hex);

    /// <summary>A filled rectangle of ink (255) on rows [top, top + height), columns [left, left + width).</summary>
    public static byte[] Rectangle(int top, int left, int height, int width)
    {
        var image = new byte[28 * 28];
        for (int r = top; r < top + height; r++)
        {
            for (int c = left; c < left + width; c++)
            {
                image[(r * 28) + c] = 255;
            }
        }

        return image;
    }

    /// <summary>A bar 3 px wide whose centre moves right by tan(slant) per row upwards (leaning right for slant &gt; 0).</summary>
    public static byte[] SlantedBar(double slant)
    {
        var image = new byte[28 * 28];
        double k = Math.Tan(slant);
        for (int r = 4; r < 24; r++)
        {
            double centre = 14 - (k * (r - 13.5));
            for (int c = 0; c < 28; c++)
            {
                if (Math.Abs(c - centre) <= 1.5)
                {
                    image[(r * 28) + c] = 255;
                }
            }
        }

        return image;
    }

    /// <summary>Number of 8-connected components of a binary image.</summary>
    public static int Components(bool[] image, int height, int width)
    {
        var seen = new bool[image.Length];
        int count = 0;
        var stack = new Stack<int>();
        for (int start = 0; start < image.Length; start++)
        {
            if (!image[start] || seen[start])
            {
                continue;
            }

            count++;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int r = p / width, c = p % width;
                for (int dr = -1; dr <= 1; dr++)
                {
                    for (int dc = -1; dc <= 1; dc++)
                    {
                        int rr = r + dr, cc = c + dc;
                        int q = (rr * width) + cc;
                        if (rr >= 0 && rr < height && cc >= 0 && cc < width && image[q] && !seen[q])
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
                }
            }
        }

        return count;
    }
}
