using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.UnitTests.Pipeline;

public sealed class ValidationBehaviorTests
{
    [Fact]
    public async Task An_invalid_request_is_refused_with_every_error_before_the_handler_runs()
    {
        using var services = new ServiceCollection().AddRequestValidator<Probe, ProbeValidator>().BuildServiceProvider();
        var behavior = new ValidationBehavior<Probe, int>(services);
        int handled = 0;

        var ex = await Assert.ThrowsAsync<RequestValidationException>(async () =>
            await behavior.Handle(new Probe(-1, ""), (_, _) => { handled++; return ValueTask.FromResult(1); }, CancellationToken.None));

        Assert.Equal(0, handled);
        Assert.Equal(["count", "name"], ex.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task A_valid_request_reaches_the_handler_once_and_the_validator_runs_once()
    {
        using var services = new ServiceCollection().AddRequestValidator<Probe, ProbeValidator>().BuildServiceProvider();
        var behavior = new ValidationBehavior<Probe, int>(services);

        int result = await behavior.Handle(new Probe(3, "x"), (probe, _) => ValueTask.FromResult(probe.Count), CancellationToken.None);

        Assert.Equal(3, result);
        Assert.Equal(1, services.GetRequiredService<ProbeValidator>().Calls);
    }

    [Fact]
    public void A_second_validator_for_the_same_request_is_refused()
    {
        var services = new ServiceCollection().AddRequestValidator<Probe, ProbeValidator>();

        var ex = Assert.Throws<InvalidOperationException>(() => services.AddRequestValidator<Probe, OtherProbeValidator>());

        Assert.Contains("one validator per request", ex.Message, StringComparison.Ordinal);
    }

    public sealed record Probe(int Count, string Name) : IRequest<int>;

    public sealed class ProbeValidator : IRequestValidator<Probe>
    {
        public int Calls { get; private set; }

        public void Validate(Probe request, ICollection<ValidationError> errors)
        {
            Calls++;
            if (request.Count < 0)
            {
                errors.Add(new ValidationError("count", "must not be negative"));
            }

            if (request.Name.Length == 0)
            {
                errors.Add(new ValidationError("name", "is required"));
            }
        }
    }

    public sealed class OtherProbeValidator : IRequestValidator<Probe>
    {
        public void Validate(Probe request, ICollection<ValidationError> errors)
        {
        }
    }
}
