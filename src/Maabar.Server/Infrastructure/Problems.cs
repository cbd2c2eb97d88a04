using Maabar.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Maabar.Server.Infrastructure;

/// <summary>One field's problem in a ProblemDetails <c>errors</c> array.</summary>
public sealed record FieldProblem(string Field, string Code, string Message);

/// <summary>
/// Builds ProblemDetails responses with a stable <c>code</c> extension and a message in the request's
/// language. Every expected failure of the API goes through here.
/// </summary>
public sealed class Problems(IStringLocalizer<SharedResource> localizer)
{
    public string Message(string code)
    {
        LocalizedString text = localizer["error." + code];
        return text.ResourceNotFound ? code : text.Value;
    }

    public ProblemHttpResult Of(int status, string code, IReadOnlyList<ValidationError>? errors = null, KeyValuePair<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors.Select(e => new FieldProblem(e.Field, e.Code, Message(e.Code))).ToList();
        }

        if (extra is { } pair)
        {
            extensions[pair.Key] = pair.Value;
        }

        return TypedResults.Problem(detail: null, statusCode: status, title: Message(code), extensions: extensions);
    }

    public ProblemHttpResult Validation(IReadOnlyList<ValidationError> errors) => Of(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, errors);

    /// <summary>A use case's refusal: 403 when it refused the caller's role (a <see cref="ErrorCodes.Forbidden"/> error first), else 400 with every field problem.</summary>
    /// <param name="errors">The use case's errors, at least one.</param>
    public ProblemHttpResult Refused(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors[0].Code == ErrorCodes.Forbidden ? Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden) : Validation(errors);
    }

    /// <summary>Fills in <c>code</c> and a localized title on ProblemDetails the framework produces (401, 403, 404, 413...).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        ProblemDetails problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey("code"))
        {
            string code = problem.Status switch
            {
                StatusCodes.Status400BadRequest => ErrorCodes.BodyInvalid,
                StatusCodes.Status401Unauthorized => ErrorCodes.AuthRequired,
                StatusCodes.Status403Forbidden => ErrorCodes.Forbidden,
                StatusCodes.Status404NotFound => ErrorCodes.NotFound,
                StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
                StatusCodes.Status413PayloadTooLarge => ErrorCodes.RequestTooLarge,
                StatusCodes.Status415UnsupportedMediaType => "request.media_type",
                StatusCodes.Status429TooManyRequests => "rate_limited",
                _ => ErrorCodes.Internal,
            };
            problem.Extensions["code"] = code;
            var problems = context.HttpContext.RequestServices.GetService<Problems>();
            if (problems is not null)
            {
                problem.Title = problems.Message(code);
            }
        }

        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
    }
}
