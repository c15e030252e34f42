using Mediator;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Jobs.RunJobHere;

/// <summary>Claims the job (only a QUEUED job can be claimed) and runs it through <see cref="IJobExecution"/>.</summary>
public sealed class RunJobHereHandler(IJobQueue queue, IJobExecution execution, IOptions<JobOptions> options) : IRequestHandler<RunJobHereRequest, bool>
{
    public async ValueTask<bool> Handle(RunJobHereRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string workerId = options.Value.ResolveWorkerId() + "-" + request.Worker;
        var claimed = await queue.ClaimAsync(request.JobId, workerId, cancellationToken);
        if (claimed is null)
        {
            return false;
        }

        await execution.RunAsync(claimed, workerId, request.Log, cancellationToken);
        return true;
    }
}
