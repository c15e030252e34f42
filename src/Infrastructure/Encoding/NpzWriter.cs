using System.Runtime.InteropServices;
using DigitForge.Infrastructure.Datasets.Zip;

namespace DigitForge.Infrastructure.Encoding;

/// <summary>
/// Writes an .npz archive (a zip of <c>name.npy</c> members, as <c>np.load</c> reads it) member by member, so it can go
/// straight to a non-seekable stream such as an HTTP response. One array is open at a time; complete and dispose it
/// before starting the next. Disposing the writer writes the zip's central directory.
/// </summary>
/// <remarks>
/// The zip records are <see cref="StoredZip"/>'s, the same as the dataset bundles' (which lay their members out in
/// advance for Range requests): a local header with the sizes deferred to a data descriptor (flag bit 3), the member's
/// bytes, the descriptor, and at the end the central directory, Zip64 exactly where a size or offset needs it. Every
/// field is a function of the names and data (the timestamp is fixed at 1980-01-01, the zip epoch), so equal arrays
/// give equal archive bytes: outputs are addressed by content and must not change with the clock. Members are stored
/// (<c>np.savez</c>) or deflated (<c>np.savez_compressed</c>).
/// </remarks>
public sealed class NpzWriter : IDisposable, IAsyncDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly bool _asyncOnly;
    private readonly NpzCompression _compression;
    private readonly List<ZipEntryRecord> _entries = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private long _offset;
    private NpyStreamWriter? _current;
    private string? _currentName;
    private bool _disposed;

    /// <summary>Starts an archive on <paramref name="output"/> (synchronous I/O; see <see cref="CreateAsync"/>).</summary>
    public NpzWriter(Stream output, NpzCompression compression = NpzCompression.Stored, bool leaveOpen = false)
        : this(output, compression, leaveOpen, asyncOnly: false)
    {
    }

    private NpzWriter(Stream output, NpzCompression compression, bool leaveOpen, bool asyncOnly)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (compression is not (NpzCompression.Stored or NpzCompression.Deflated))
        {
            throw new ArgumentOutOfRangeException(nameof(compression), compression, null);
        }

        _output = output;
        _compression = compression;
        _leaveOpen = leaveOpen;
        _asyncOnly = asyncOnly;
    }

    /// <summary>
    /// Starts an archive that only writes asynchronously to <paramref name="output"/>, for streams that forbid synchronous
    /// writes. Use the async members and dispose with <c>await using</c>.
    /// </summary>
    public static Task<NpzWriter> CreateAsync(Stream output, NpzCompression compression = NpzCompression.Stored, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new NpzWriter(output, compression, leaveOpen, asyncOnly: true));
    }

    /// <summary>
    /// Starts member <c>{name}.npy</c> and returns a writer for its data; <c>np.load(...)[name]</c> reads it back.
    /// </summary>
    public NpyStreamWriter OpenArray(string name, NpyDType dtype, params ReadOnlySpan<long> shape)
    {
        if (_asyncOnly)
        {
            throw new InvalidOperationException("This NpzWriter was made by CreateAsync for an asynchronous-only output; use OpenArrayAsync or WriteArrayAsync.");
        }

        var (header, member) = Begin(name, NpyFormat.TotalLength(dtype, shape));
        _output.Write(header);
        return Track(name, new NpyStreamWriter(member, dtype, shape, leaveOpen: false));
    }

    public async Task<NpyStreamWriter> OpenArrayAsync(string name, NpyDType dtype, long[] shape, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var (header, member) = Begin(name, NpyFormat.TotalLength(dtype, shape));
        await _output.WriteAsync(header, cancellationToken);
        return Track(name, new NpyStreamWriter(member, dtype, shape, leaveOpen: false));
    }

    public void WriteArray<T>(string name, ReadOnlySpan<T> values, params ReadOnlySpan<long> shape)
        where T : unmanaged =>
        WriteArray(name, NpyDType.Of<T>(), MemoryMarshal.AsBytes(values), shape);

    /// <summary>Writes a whole member from raw little-endian element bytes.</summary>
    public void WriteArray(string name, NpyDType dtype, ReadOnlySpan<byte> data, params ReadOnlySpan<long> shape)
    {
        long expected = NpyFormat.DataLength(dtype, shape);
        if (data.Length != expected)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape.ToArray())}) of {dtype} needs {expected} bytes, but {data.Length} were given.", nameof(data));
        }

        using var writer = OpenArray(name, dtype, shape);
        writer.WriteBytes(data);
        writer.Complete();
    }

    public async Task WriteArrayAsync<T>(string name, ReadOnlyMemory<T> values, long[] shape, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dtype = NpyDType.Of<T>();
        long expected = NpyFormat.DataLength(dtype, shape);
        if ((long)values.Length * dtype.ItemSize != expected)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape)}) of {dtype} needs {expected / dtype.ItemSize} elements, but {values.Length} were given.", nameof(values));
        }

        await using var writer = await OpenArrayAsync(name, dtype, shape, cancellationToken);
        await writer.WriteAsync(values, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _current?.Dispose();
        _output.Write(StoredZip.CentralDirectory(_entries, _offset));
        _output.Flush();
        if (!_leaveOpen)
        {
            _output.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }

        await _output.WriteAsync(StoredZip.CentralDirectory(_entries, _offset));
        await _output.FlushAsync();
        if (!_leaveOpen)
        {
            await _output.DisposeAsync();
        }
    }

    /// <summary>Called by a member when it is closed: its record, and its length in the archive (header, data, descriptor).</summary>
    internal void Finished(ZipEntryRecord record, long length)
    {
        _entries.Add(record);
        _offset = record.Offset + length;
    }

    private (byte[] Header, NpzMemberStream Member) Begin(string name, long size)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_current is { IsDisposed: false })
        {
            throw new InvalidOperationException($"Array '{_currentName}' is still open: complete and dispose it before starting '{name}'.");
        }

        if (!_names.Add(name))
        {
            throw new ArgumentException($"The archive already has an array named '{name}'.", nameof(name));
        }

        string entryName = name + ".npy";
        bool deflate = _compression == NpzCompression.Deflated;

        // Zip64 is decided before the data exists, from the size the member can reach: the NPY's length, or for deflate
        // zlib's bound on the compressed length (incompressible data grows a little).
        long basis = deflate ? DeflateBound(size) : size;
        byte[] header = StoredZip.LocalHeader(entryName, basis, deflate ? StoredZip.MethodDeflated : StoredZip.MethodStored);
        var member = new NpzMemberStream(this, _output, entryName, _offset, header.Length, StoredZip.IsLarge(basis), deflate, _asyncOnly);
        return (header, member);
    }

    /// <summary>zlib's <c>deflateBound</c> for the default settings: the most a deflate stream of <paramref name="size"/> bytes can take.</summary>
    private static long DeflateBound(long size) => size + (size >> 12) + (size >> 14) + (size >> 25) + 13 + 6;

    private NpyStreamWriter Track(string name, NpyStreamWriter writer)
    {
        _current = writer;
        _currentName = name;
        return writer;
    }
}
