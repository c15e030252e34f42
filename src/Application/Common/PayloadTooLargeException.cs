using DigitForge.Domain.Errors;

namespace DigitForge.Application.Common;

/// <summary>An upload over a configured size limit; front ends answer 413 and say the limit.</summary>
public sealed class PayloadTooLargeException : DigitForgeException
{
    public PayloadTooLargeException(string message)
        : base(ErrorCategory.TooLarge, message)
    {
    }

    public PayloadTooLargeException()
        : this("The upload is larger than allowed.")
    {
    }

    public PayloadTooLargeException(string message, Exception innerException)
        : base(ErrorCategory.TooLarge, message, innerException)
    {
    }
}
