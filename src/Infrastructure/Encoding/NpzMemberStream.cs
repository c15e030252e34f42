using System.IO.Compression;
using DigitForge.Infrastructure.Datasets.Zip;

namespace DigitForge.Infrastructure.Encoding;

/// <summary>
/// One member of an <see cref="NpzWriter"/> archive as a write-only stream: the local header is already written; bytes
/// go (deflated when asked) to the archive's output while the CRC and sizes are counted; disposing writes the data
/// descriptor and hands the entry's record back to the writer. In an asynchronous-only archive every synchronous write
/// is refused, since the output forbids them.
/// </summary>
internal sealed class NpzMemberStream : Stream
{
    private readonly NpzWriter _owner;
    private readonly CountingOutput _counted;
    private readonly DeflateStream? _deflate;
    private readonly string _name;
    private readonly long _offset;
    private readonly int _headerLength;
    private readonly bool _zip64;
    private readonly bool _asyncOnly;
    private uint _crc;
    private long _size;
    private bool _disposed;

    public NpzMemberStream(NpzWriter owner, Stream output, string name, long offset, int headerLength, bool zip64, bool deflate, bool asyncOnly)
    {
        _owner = owner;
        _headerLength = headerLength;
        _name = name;
        _offset = offset;
        _zip64 = zip64;
        _asyncOnly = asyncOnly;
        _counted = new CountingOutput(output, asyncOnly);

        // Optimal, as np.savez_compressed; the bytes are a pure function of the data (no timestamps in a deflate stream).
        _deflate = deflate ? new DeflateStream(_counted, CompressionLevel.Optimal, leaveOpen: true) : null;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _size;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        RefuseSynchronous();
        _crc = Crc32.Append(_crc, buffer);
        _size += buffer.Length;
        if (_deflate is not null)
        {
            _deflate.Write(buffer);
        }
        else
        {
            _counted.Write(buffer);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _crc = Crc32.Append(_crc, buffer.Span);
        _size += buffer.Length;
        if (_deflate is not null)
        {
            await _deflate.WriteAsync(buffer, cancellationToken);
        }
        else
        {
            await _counted.WriteAsync(buffer, cancellationToken);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            RefuseSynchronous();
            _deflate?.Dispose();
            long stored = _counted.Count;
            byte[] descriptor = StoredZip.Descriptor(_crc, stored, _size, _zip64);
            _counted.Write(descriptor);
            _owner.Finished(Record(stored), _headerLength + stored + descriptor.Length);
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (_deflate is not null)
            {
                await _deflate.DisposeAsync();
            }

            long stored = _counted.Count;
            byte[] descriptor = StoredZip.Descriptor(_crc, stored, _size, _zip64);
            await _counted.WriteAsync(descriptor);
            _owner.Finished(Record(stored), _headerLength + stored + descriptor.Length);
        }

        // Stream's own DisposeAsync calls Dispose(true), which finds this member already closed.
        await base.DisposeAsync();
    }

    /// <summary>The central directory's record of this member; <paramref name="stored"/> is its size in the archive.</summary>
    private ZipEntryRecord Record(long stored) =>
        _deflate is null ? new(_name, _crc, _size, _offset) : new(_name, _crc, _size, _offset, stored, StoredZip.MethodDeflated);

    private void RefuseSynchronous()
    {
        if (_asyncOnly)
        {
            throw new InvalidOperationException("This NpzWriter writes to an asynchronous-only output: use the asynchronous methods (WriteAsync, CompleteAsync, await using).");
        }
    }

    /// <summary>Forwards to the archive's output and counts the bytes.</summary>
    private sealed class CountingOutput(Stream output, bool asyncOnly) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (asyncOnly)
            {
                throw new InvalidOperationException("This NpzWriter writes to an asynchronous-only output: use the asynchronous methods (WriteAsync, CompleteAsync, await using).");
            }

            output.Write(buffer);
            Count += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await output.WriteAsync(buffer, cancellationToken);
            Count += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
