using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DigitForge.Api.Http;

/// <summary>
/// Drops a client that reads a heavy response (dataset bundles, archives, generated data) slower than
/// <see cref="HttpLimitOptions.MinResponseBytesPerSecond"/> (issue 21, finding 3). Kestrel's own MinResponseDataRate
/// is set too, but a reader at 1 kB/s was seen holding a stream slot indefinitely under it; here every write must
/// reach the client within the grace period plus its size at the minimum rate, else the connection is aborted,
/// which ends the request and gives its slot back. The check is the server's, so it holds on any transport.
/// </summary>
internal sealed class MinimumResponseRate(RequestDelegate next, IOptions<HttpLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        if (limits.MinResponseBytesPerSecond <= 0 || EndpointGroups.Of(context.Request) != EndpointGroups.Heavy || !HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var body = new StreamResponseBodyFeature(
            new RateCheckedStream(original.Stream, limits.MinResponseBytesPerSecond, TimeSpan.FromSeconds(Math.Max(1, limits.MinResponseGraceSeconds)), context.Abort),
            original);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
        }
    }

    private sealed class RateCheckedStream(Stream inner, double bytesPerSecond, TimeSpan grace, Action abort) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var deadline = new CancellationTokenSource(grace + TimeSpan.FromSeconds(buffer.Length / bytesPerSecond));
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                // The server's body stream flushes as it writes, so a write waits until the client has taken enough.
                await inner.WriteAsync(buffer, linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                abort();
                throw new IOException($"The client read slower than the minimum of {bytesPerSecond:N0} bytes/s; the connection was closed.");
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            using var deadline = new CancellationTokenSource(grace);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await inner.FlushAsync(linked.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                abort();
                throw new IOException("The client stopped reading; the connection was closed.");
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush() => FlushAsync().GetAwaiter().GetResult();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
