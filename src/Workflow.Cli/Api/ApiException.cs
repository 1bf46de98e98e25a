namespace Workflow.Cli.Api;

/// <summary>The server answered with an error; <see cref="Problem"/> says what, in the server's words.</summary>
public sealed class ApiException : Exception
{
    public ApiException(Problem problem)
        : base(problem.Detail ?? problem.Title ?? $"HTTP {problem.Status}")
    {
        Problem = problem;
    }

    public ApiException()
        : this(new Problem(0, null, null, []))
    {
    }

    public ApiException(string message)
        : this(new Problem(0, null, message, []))
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new Problem(0, null, message, []);
    }

    public Problem Problem { get; }
}
