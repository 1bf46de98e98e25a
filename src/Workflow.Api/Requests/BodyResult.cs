using Microsoft.AspNetCore.Http;

namespace Workflow.Api.Requests;

/// <summary>A parsed request body, or the problem answer that explains why it could not be parsed.</summary>
public readonly record struct BodyResult<T>(T? Value, IResult? Problem)
{
    public bool Ok => Problem is null;
}
