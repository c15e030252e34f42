using DigitForge.Api.Http;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Application.Tracking.ApiKeys.CreateApiKey;
using DigitForge.Application.Tracking.ApiKeys.ListApiKeys;
using DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/keys</c>: list, create and revoke stored API keys; the whole group needs a key with the admin scope.</summary>
public static class ApiKeyApi
{
    public static IEndpointRouteBuilder MapApiKeyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("API keys").RequiresAdminKey();
        group.MapGet("/", List)
             .WithName("ListApiKeys")
             .WithSummary("Stored keys (id, name, prefix, scopes, created, revoked), never the keys; ?includeRevoked=true lists revoked ones too")
             .ProducesProblem(StatusCodes.Status401Unauthorized)
             .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Create)
             .WithName("CreateApiKey")
             .WithSummary("Create a key: {\"name\": ..., \"scopes\": [\"read\" | \"write\" | \"admin\"]} (default read and write); the key is in this answer only")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status401Unauthorized)
             .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{key}", Revoke)
             .WithName("RevokeApiKey")
             .WithSummary("Revoke a key by id, prefix or (unique) name; it is refused from the next request on")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status401Unauthorized)
             .ProducesProblem(StatusCodes.Status403Forbidden)
             .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="includeRevoked">List revoked keys too.</param>
    internal static async Task<Ok<IReadOnlyList<ApiKeyDto>>> List(bool? includeRevoked, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListApiKeysRequest(includeRevoked ?? false), cancellationToken));

    internal static async Task<Created<CreatedApiKey>> Create(CreateApiKeyRequest? request, ISender sender, CancellationToken cancellationToken)
    {
        var created = await sender.Send(request ?? new CreateApiKeyRequest(), cancellationToken);
        return TypedResults.Created($"/api/keys/{created.Id}", created);
    }

    internal static async Task<Ok<ApiKeyDto>> Revoke(string key, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RevokeApiKeyRequest(key), cancellationToken));
}
