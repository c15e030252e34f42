using System.Text.Json;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.IntegrationTests.Encoding;

/// <summary>Our NPY and NPZ files against numpy.load and numpy.save.</summary>
public class NpyPythonCrossCheckTests(ITestOutputHelper output)
{
    // For each .npy path: descr, shape, C-contiguity and the values, as JSON.
    private const string NumpyDescribe = """
        import sys, json, numpy as np
        out = []
        for path in sys.argv[1:]:
            a = np.load(path)
            out.append({'descr': a.dtype.str, 'shape': list(a.shape), 'c': bool(a.flags.c_contiguous), 'values': a.ravel().tolist()})
        print(json.dumps(out))
        """;

    [SkippableFact]
    public void Numpy_loads_every_dtype_we_write_with_equal_values()
    {
        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        var files = new (string Name, byte[] Npy, string Descr, long[] Shape, string ExpectedValuesJson)[]
        {
            ("u1.npy", NpyWriter.ToArray<byte>([0, 1, 254, 255, 7, 8], 2, 3), "|u1", [2, 3], "[0,1,254,255,7,8]"),
            ("i4.npy", NpyWriter.ToArray<int>([int.MinValue, -1, 0, int.MaxValue], 4), "<i4", [4], "[-2147483648,-1,0,2147483647]"),
            ("i8.npy", NpyWriter.ToArray<long>([long.MinValue, 42, long.MaxValue], 3, 1), "<i8", [3, 1], "[-9223372036854775808,42,9223372036854775807]"),
            ("f4.npy", NpyWriter.ToArray<float>([0.1f, -2.5f, 3e38f, float.Epsilon], 2, 2), "<f4", [2, 2], JsonSerializer.Serialize(new double[] { 0.1f, -2.5f, 3e38f, float.Epsilon })),
            ("f8.npy", NpyWriter.ToArray<double>([0.1, -2.5, 1e308], 3), "<f8", [3], "[0.1,-2.5,1e308]"),
            ("b1.npy", NpyWriter.ToArray<bool>([true, false], 2), "|b1", [2], "[true,false]"),
            ("scalar.npy", NpyWriter.ToArray<short>([-3]), "<i2", [], "[-3]"),
            ("empty.npy", NpyWriter.ToArray<uint>([], 0, 5), "<u4", [0, 5], "[]"),
        };
        foreach (var f in files)
        {
            File.WriteAllBytes(temp.File(f.Name), f.Npy);
        }

        using var json = JsonDocument.Parse(PythonReference.Run(NumpyDescribe, [.. files.Select(f => temp.File(f.Name))]));

        var arrays = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(files.Length, arrays.Length);
        for (int i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i].Descr, arrays[i].GetProperty("descr").GetString());
            Assert.Equal(files[i].Shape, arrays[i].GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            Assert.True(arrays[i].GetProperty("c").GetBoolean());
            AssertJsonValuesEqual(files[i].ExpectedValuesJson, arrays[i].GetProperty("values"));
        }
    }

    [SkippableFact]
    public void Numpy_save_writes_the_same_bytes_as_we_do()
    {
        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        var cases = new (NpyDType DType, long[] Shape)[]
        {
            (NpyDType.UInt8, [3, 28, 28]),
            (NpyDType.Float32, [10, 168, 28]),
            (NpyDType.Int64, []),
            (NpyDType.Float64, [0]),
            (NpyDType.Int32, [123456789, 0]),
            (NpyDType.UInt16, [.. Enumerable.Repeat(1L, 32)]),
        };

        // numpy saves zeros of each dtype and shape; we compare the whole file, header and data.
        PythonReference.Run(
            """
            import sys, numpy as np
            d = sys.argv[1]
            for i, spec in enumerate(sys.argv[2:]):
                descr, dims = spec.split(':')
                shape = tuple(int(s) for s in dims.split(',') if s)
                np.save(f'{d}/{i}.npy', np.zeros(shape, dtype=np.dtype(descr)))
            """,
            [temp.Path, .. cases.Select(c => $"{c.DType.Descr}:{string.Join(',', c.Shape)}")]);

        for (int i = 0; i < cases.Length; i++)
        {
            var (dtype, shape) = cases[i];
            using var ours = new MemoryStream();
            using (var writer = new NpyStreamWriter(ours, dtype, shape, leaveOpen: true))
            {
                var zeros = new byte[Math.Min(writer.DataLength, 1 << 20)];
                while (writer.DataBytesRemaining > 0)
                {
                    writer.WriteBytes(zeros.AsSpan(0, (int)Math.Min(zeros.Length, writer.DataBytesRemaining)));
                }

                writer.Complete();
            }

            Assert.Equal(File.ReadAllBytes(temp.File($"{i}.npy")), ours.ToArray());
        }
    }

    [SkippableFact]
    public void Our_reader_reads_arrays_numpy_saved()
    {
        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        PythonReference.Run(
            """
            import sys, numpy as np
            d = sys.argv[1]
            np.save(d + '/f4.npy', (np.arange(24, dtype=np.float32) / 7).reshape(2, 3, 4))
            np.save(d + '/i8.npy', np.array([-5, 0, 2**62], dtype=np.int64))
            np.save(d + '/u1.npy', np.arange(256, dtype=np.uint8).reshape(16, 16))
            np.save(d + '/fortran.npy', np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)))
            """,
            temp.Path);

        var f4 = NpyReader.Read(File.ReadAllBytes(temp.File("f4.npy")));
        Assert.Equal([2L, 3L, 4L], f4.Shape);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => i / 7f), f4.ToArray<float>());
        Assert.Equal([-5L, 0L, 1L << 62], NpyReader.Read(File.ReadAllBytes(temp.File("i8.npy"))).ToArray<long>());
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), NpyReader.Read(File.ReadAllBytes(temp.File("u1.npy"))).ToArray<byte>());
        var fortran = NpyReader.Read(File.ReadAllBytes(temp.File("fortran.npy")));
        Assert.True(fortran.FortranOrder);
        Assert.Equal([0, 3, 1, 4, 2, 5], fortran.ToArray<int>()); // column-major, as stored
    }

    [SkippableTheory]
    [InlineData(NpzCompression.Stored, 0, false)]
    [InlineData(NpzCompression.Deflated, 8, false)]
    [InlineData(NpzCompression.Stored, 0, true)]
    [InlineData(NpzCompression.Deflated, 8, true)]
    public async Task Numpy_loads_our_npz_streamed_to_a_non_seekable_stream(NpzCompression compression, int zipMethod, bool asyncOnly)
    {
        PythonReference.Require(output, "numpy");

        using var temp = new TempDirectory();
        await using (var file = File.Create(temp.File("a.npz")))
        {
            var stream = new NonSeekableStream(file, allowSynchronousWrites: !asyncOnly);
            if (asyncOnly)
            {
                await using var npz = await NpzWriter.CreateAsync(stream, compression);
                await npz.WriteArrayAsync<float>("x", NpzWriterTests.Images(), [3, 4, 5]);
                await npz.WriteArrayAsync<long>("y", NpzWriterTests.Labels(), [3]);
            }
            else
            {
                using var npz = new NpzWriter(stream, compression);
                NpzWriterTests.WriteSample(npz);
            }
        }

        string result = PythonReference.Run(
            """
            import sys, json, zipfile, numpy as np
            path = sys.argv[1]
            with zipfile.ZipFile(path) as z:
                assert z.testzip() is None
                methods = sorted({i.compress_type for i in z.infolist()})
            with np.load(path) as npz:
                out = {k: {'descr': npz[k].dtype.str, 'shape': list(npz[k].shape), 'values': npz[k].ravel().tolist()} for k in npz.files}
            print(json.dumps({'methods': methods, 'arrays': out}))
            """,
            temp.File("a.npz"));

        using var json = JsonDocument.Parse(result);
        Assert.Equal([zipMethod], json.RootElement.GetProperty("methods").EnumerateArray().Select(e => e.GetInt32()));
        var arrays = json.RootElement.GetProperty("arrays");
        Assert.Equal("<f4", arrays.GetProperty("x").GetProperty("descr").GetString());
        Assert.Equal([3L, 4L, 5L], arrays.GetProperty("x").GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(NpzWriterTests.Images(), arrays.GetProperty("x").GetProperty("values").EnumerateArray().Select(e => (float)e.GetDouble()));
        Assert.Equal(NpzWriterTests.Labels(), arrays.GetProperty("y").GetProperty("values").EnumerateArray().Select(e => e.GetInt64()));
        if (!asyncOnly)
        {
            Assert.Equal(["empty", "pixels", "scalar", "x", "y"], arrays.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("|u1", arrays.GetProperty("pixels").GetProperty("descr").GetString());
            Assert.Equal(NpzWriterTests.Bytes(), arrays.GetProperty("pixels").GetProperty("values").EnumerateArray().Select(e => e.GetByte()));
            Assert.Equal([Math.PI], arrays.GetProperty("scalar").GetProperty("values").EnumerateArray().Select(e => e.GetDouble()));
        }
    }

    private static void AssertJsonValuesEqual(string expectedJson, JsonElement actual)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        var e = expected.RootElement.EnumerateArray().ToArray();
        var a = actual.EnumerateArray().ToArray();
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            if (e[i].ValueKind != JsonValueKind.Number)
            {
                Assert.Equal(e[i].ValueKind, a[i].ValueKind);
            }
            else if (long.TryParse(e[i].GetRawText(), out _))
            {
                Assert.Equal(e[i].GetRawText(), a[i].GetRawText()); // integers exactly, beyond double precision
            }
            else
            {
                Assert.Equal(e[i].GetDouble(), a[i].GetDouble()); // floats by value: 1e308 and 1e+308 are the same
            }
        }
    }
}
