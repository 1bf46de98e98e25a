using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workflow.Api.Requests;

namespace Workflow.Api.OpenApi;

/// <summary>
/// What an endpoint answers, declared in one line next to its route so that <c>/openapi/v1.json</c> lists every
/// request body, response body and status the endpoint really gives. Each method names one rule of the API (for
/// example <see cref="Guarded"/>: the access policy answers 403 or 404), so the rule is written here once.
/// Statuses that middleware gives (401, 429, 500) are declared on the route groups (<see cref="Authenticated{T}"/>,
/// <see cref="RateLimited{T}"/>, <see cref="Faults{T}"/>).
/// </summary>
public static class EndpointDescriptions
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    /// <summary>A success answer with a <typeparamref name="T"/> body (200 unless told).</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder,
        int status = StatusCodes.Status200OK) => builder.Produces<T>(status, Json);

    /// <summary>A success answer without a body (204).</summary>
    public static RouteHandlerBuilder AnswersNoContent(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status204NoContent);

    /// <summary>Problem details (RFC 7807) for each of <paramref name="statuses"/>.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status, ProblemJson);
        }

        return builder;
    }

    /// <summary>
    /// A JSON body of <typeparamref name="T"/>, read by <c>JsonBody</c>: a malformed or invalid body answers 400, one
    /// over the size limit 413. The body is read as JSON whatever its <c>Content-Type</c>, so routing accepts any
    /// (<c>*/*</c>: no 415, no request without a type falling through to the unknown-path 404), and the document
    /// names <c>application/json</c> only (<see cref="JsonRequestBodies"/>).
    /// </summary>
    public static RouteHandlerBuilder TakesJson<T>(this RouteHandlerBuilder builder, bool optional = false)
        where T : notnull =>
        builder.Accepts<T>(optional, Json, JsonRequestBodies.AnyType)
            .Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// The query parameters the endpoint reads, which are checked: a bad value, or a parameter not among
    /// <paramref name="names"/>, answers 400 naming it (<see cref="KnownQuery"/>).
    /// </summary>
    public static RouteHandlerBuilder ChecksQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.Refuses(StatusCodes.Status400BadRequest).AddEndpointFilter(new KnownQuery(names));

    /// <summary>
    /// Something the access policy guards: 404 when it does not exist or belongs to a group the caller is not in,
    /// 403 when the caller's role in its group is too low.
    /// </summary>
    public static RouteHandlerBuilder Guarded(this RouteHandlerBuilder builder) =>
        builder.Refuses(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);

    /// <summary>
    /// Calls the engine, whose errors a caller can cause (a bad value, a refused action, a missing thing, a state that
    /// refuses the change) answer 400, 403, 404 or 409: the service errors <c>ServiceProblems</c> maps.
    /// </summary>
    public static RouteHandlerBuilder CallsEngine(this RouteHandlerBuilder builder) =>
        builder.Refuses(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
            StatusCodes.Status409Conflict);

    /// <summary>
    /// Starts work that ends later: 202 with <typeparamref name="T"/>, <c>Location</c> and <c>Retry-After</c>; the
    /// body's <c>statusQueryGetUri</c> is a <see cref="PollsStatus{T}"/> endpoint.
    /// </summary>
    public static RouteHandlerBuilder StartsWork<T>(this RouteHandlerBuilder builder) =>
        builder.Answers<T>(StatusCodes.Status202Accepted).WithPollingHeaders();

    /// <summary>
    /// A status in the Durable Functions style: 202 with <typeparamref name="T"/>, <c>Location</c> (itself) and
    /// <c>Retry-After</c> while the work is active, 200 with <typeparamref name="T"/> once it has ended.
    /// </summary>
    public static RouteHandlerBuilder PollsStatus<T>(this RouteHandlerBuilder builder) =>
        builder.Answers<T>(StatusCodes.Status202Accepted).Answers<T>().WithPollingHeaders();

    /// <summary>The answer with <paramref name="status"/> carries the header <paramref name="name"/>.</summary>
    public static RouteHandlerBuilder AnswersHeader(this RouteHandlerBuilder builder, int status, string name,
        string description, bool integer = false) =>
        builder.WithMetadata(new ResponseHeader(status, name, description, integer));

    /// <summary>The answer with <paramref name="status"/> carries the pipeline version's <c>ETag</c>.</summary>
    public static RouteHandlerBuilder Versioned(this RouteHandlerBuilder builder, int status) =>
        builder.AnswersHeader(status, "ETag",
            "The pipeline's version, \"v{version}\": send it as If-Match to change or delete that version.");

    /// <summary>The 201 answer carries the new resource's <c>Location</c>.</summary>
    public static RouteHandlerBuilder Located(this RouteHandlerBuilder builder) =>
        builder.AnswersHeader(StatusCodes.Status201Created, "Location", "The path of the created resource.");

    private static RouteHandlerBuilder WithPollingHeaders(this RouteHandlerBuilder builder) =>
        builder.AnswersHeader(StatusCodes.Status202Accepted, "Location",
                "The status URI to poll: it answers 202 while the work is active.")
            .AnswersHeader(StatusCodes.Status202Accepted, "Retry-After", "Seconds to wait before polling again.",
                integer: true);

    /// <summary>
    /// Endpoints that need a token: 401 without a valid one (the bearer requirement is added per operation).
    /// </summary>
    public static TBuilder Authenticated<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status401Unauthorized, ProblemJson);

    /// <summary>Every API endpoint: the global rate limit answers 429 with <c>Retry-After</c>.</summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status429TooManyRequests, ProblemJson);

    /// <summary>
    /// Every API endpoint: an unexpected fault answers 500 problem details with the <c>correlationId</c> that the
    /// server's error log line carries (<c>ServiceProblems</c>).
    /// </summary>
    public static TBuilder Faults<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.ProducesProblem(StatusCodes.Status500InternalServerError, ProblemJson);
}

/// <summary>A header the answer with <paramref name="Status"/> carries, for the OpenAPI description.</summary>
public sealed record ResponseHeader(int Status, string Name, string Description, bool Integer);
