namespace DigitForge.Application.Common.Pipeline;

/// <summary>
/// The rules of one request type, checked once by <see cref="ValidationBehavior{TMessage, TResponse}"/> before its
/// handler runs (a handler trusts its request). One validator per request type, registered with
/// <see cref="PipelineServiceCollectionExtensions.AddRequestValidator{TRequest, TValidator}"/>; front ends only bind
/// text to types and leave the rules to it.
/// </summary>
/// <typeparam name="TRequest">The request it checks.</typeparam>
public interface IRequestValidator<in TRequest>
{
    /// <summary>Adds one <see cref="ValidationError"/> per broken rule, named as the caller names the field.</summary>
    void Validate(TRequest request, ICollection<ValidationError> errors);
}
