using DigitForge.Application.Common;
using DigitForge.Application.Morphology;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace DigitForge.Api.Http;

/// <summary>
/// Reads a multipart upload of images within the morphometrics limits. The framework's form reader throws
/// InvalidDataException / IOException for a missing boundary, a truncated body, a bad Content-Disposition or more
/// parts than its default 1,024, which surfaced as 500s (issue 21, finding 6): here each is a 400 naming
/// <c>files</c>, the part count follows <see cref="MorphometricsOptions.MaxImages"/> and the body size
/// <see cref="MorphometricsOptions.MaxUploadBytes"/>.
/// </summary>
internal static class UploadForm
{
    public const string Field = "files";

    public static async Task<IFormCollection> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limits = request.HttpContext.RequestServices.GetRequiredService<IOptions<MorphometricsOptions>>().Value;
        if (request.ContentLength > limits.MaxUploadBytes)
        {
            throw new PayloadTooLargeException($"Uploads are limited to {limits.MaxUploadBytes:N0} bytes (this one is {request.ContentLength:N0}).");
        }

        var options = new FormOptions
        {
            // One more than the image limit, so that the use case's own "at most N images" message answers.
            ValueCountLimit = checked(limits.MaxImages + 1),
            MultipartBodyLengthLimit = limits.MaxUploadBytes,
            BufferBodyLengthLimit = limits.MaxUploadBytes,
        };
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, options));
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's own refusals (body too large, client too slow) already carry their 4xx status.
            throw;
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw new PayloadTooLargeException($"Uploads are limited to {limits.MaxUploadBytes:N0} bytes.");
        }
        catch (InvalidDataException ex)
        {
            throw new RequestValidationException(Field, $"The multipart body cannot be read: {ex.Message}");
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RequestValidationException(Field, $"The multipart body is incomplete: {ex.Message}");
        }
    }

    /// <summary>A client-supplied file name fit to quote in a message: control characters replaced, at most 100 characters.</summary>
    public static string Printable(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "(unnamed)";
        }

        var chars = name.Length > 100 ? name[..100].ToCharArray() : name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }
}
