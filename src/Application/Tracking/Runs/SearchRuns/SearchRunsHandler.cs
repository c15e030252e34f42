using DigitForge.Domain.Tracking;
using DigitForge.Application.Common;
using DigitForge.Domain.Tracking.Search;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Tracking.Runs.SearchRuns;

/// <summary>
/// Searches runs with the filter grammar of <see cref="RunFilterParser"/>, ordered by any metric, param, tag or
/// attribute, a page at a time. A malformed filter, order or page token is a 400 naming that field.
/// </summary>
public sealed class SearchRunsHandler(ITrackingDbContext db, RunDetailsLoader loader, IOptions<TrackingOptions> options) : IRequestHandler<SearchRunsRequest, SearchRunsResult>
{
    public const int DefaultMaxResults = 100;

    public async ValueTask<SearchRunsResult> Handle(SearchRunsRequest request, CancellationToken cancellationToken) =>
        await HandleAsync(request, cancellationToken);

    /// <summary>
    /// The search (for the mediator and for the UI's pages, which inject the handler). Its rules are checked here,
    /// not by a validator: reading the page token against the search's fingerprint yields the offset the query needs.
    /// </summary>
    public async Task<SearchRunsResult> HandleAsync(SearchRunsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        IReadOnlyList<RunFilterClause> clauses = [];
        try
        {
            clauses = RunFilterParser.Parse(request.Filter);
        }
        catch (RunFilterException ex)
        {
            errors.Add(new ValidationError("filter", ex.Message));
        }

        var orders = new List<RunOrder>();
        foreach (string term in request.OrderBy ?? [])
        {
            try
            {
                orders.Add(RunFilterParser.ParseOrder(term));
            }
            catch (RunFilterException ex)
            {
                errors.Add(new ValidationError("orderBy", ex.Message));
            }
        }

        int max = request.MaxResults ?? DefaultMaxResults;
        if (max < 1 || max > options.Value.MaxSearchResults)
        {
            errors.Add(new ValidationError("maxResults", $"Must be between 1 and {options.Value.MaxSearchResults}."));
        }

        string view = (request.View ?? "active").Trim().ToLowerInvariant();
        if (view is not ("active" or "deleted" or "all"))
        {
            errors.Add(new ValidationError("view", $"Unknown view '{request.View}'; use active, deleted or all."));
        }

        var experimentIds = request.ExperimentIds ?? [];
        string fingerprint = PageToken.Fingerprint(experimentIds, request.Filter, [.. request.OrderBy ?? [], view]);
        int offset = 0;
        if (!string.IsNullOrEmpty(request.PageToken) && !PageToken.TryRead(request.PageToken, fingerprint, out offset))
        {
            errors.Add(new ValidationError("pageToken", "Not a page token of this search (filter, order and experiments must stay the same)."));
        }

        TrackingInput.ThrowIfAny(errors);

        var translator = new RunQueryTranslator(db);
        var query = db.Runs.AsNoTracking();
        if (experimentIds.Count > 0)
        {
            var ids = experimentIds.ToArray();
            query = query.Where(r => ids.Contains(r.ExperimentId));
        }

        query = view switch
        {
            "active" => query.Where(r => r.DeletedAt == null && db.Experiments.Any(e => e.Id == r.ExperimentId && e.DeletedAt == null)),
            "deleted" => query.Where(r => r.DeletedAt != null || db.Experiments.Any(e => e.Id == r.ExperimentId && e.DeletedAt != null)),
            _ => query,
        };

        try
        {
            foreach (var clause in clauses)
            {
                query = translator.Where(query, clause);
            }

            IOrderedQueryable<Run>? ordered = null;
            foreach (var order in orders)
            {
                ordered = translator.OrderBy(ordered ?? query, order, first: ordered is null);
            }

            // Newest first, then the id: a total order, so pages never overlap or skip.
            ordered = ordered is null ? query.OrderByDescending(r => r.CreatedAt) : ordered.ThenByDescending(r => r.CreatedAt);
            ordered = ordered.ThenBy(r => r.Id);

            var page = await ordered.Skip(offset).Take(max + 1).ToListAsync(cancellationToken);
            string? next = page.Count > max ? PageToken.Create(offset + max, fingerprint) : null;
            var runs = await loader.LoadAsync(page.Count > max ? page[..max] : page, cancellationToken);
            return new SearchRunsResult(runs, next);
        }
        catch (RunFilterException ex)
        {
            throw new RequestValidationException("filter", ex.Message);
        }
    }
}
