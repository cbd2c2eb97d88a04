using System.Security.Claims;
using Maabar.Core;
using Maabar.Core.Features.Clearances;
using Maabar.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Features.Clearances;

/// <summary>What the public check answers: the number as read and its status; nothing else.</summary>
public sealed record ClearanceStatusView(string Number, ClearanceStatus Status);

/// <summary>The body of POST /api/v1/clearances/{number}/revocation.</summary>
public sealed record RevocationBody(string? Reason);

/// <summary>The body of POST /api/v1/clearances/{number}/proposal-decision: accept a partner's clearance on our entry, or refuse it with a reason.</summary>
public sealed record ProposalDecisionBody(bool Accept, string? Reason);

/// <summary>The body of POST /api/v1/clearances/{number}/approval: a supervisor other than the decider approves a clearance issued under four eyes, or refuses it with a reason.</summary>
public sealed record ApprovalBody(bool Approve, string? Reason);

internal static class ClearanceEndpoints
{
    /// <summary>The rate-limiting policy of the public check.</summary>
    public const string PublicCheckPolicy = "clearance-check";

    /// <summary>Anonymous: the public check (with birthDate). With a bearer token: the record for staff.</summary>
    public static void MapPublicClearanceEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/clearances/{number}", GetAsync)
            .WithTags("Clearances")
            .AllowAnonymous()
            .RequireRateLimiting(PublicCheckPolicy)
            .WithSummary("With ?birthDate=YYYY-MM-DD, anyone (rate-limited): valid, revoked or unknown, nothing else. Without it, staff with a bearer token: the clearance's record (audited).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static void MapClearanceEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/clearances/{number}/revocation", RevokeAsync)
            .WithTags("Clearances")
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("A supervisor of the issuing agency revokes a clearance, with a reason: the next screening alerts again.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/clearances/{number}/approval", ApproveAsync)
            .WithTags("Clearances")
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("Four eyes: a supervisor of the issuing agency, other than the deciding officer, approves a clearance issued on an arrest, terrorism or UN-sanctions entry (it covers from then on), or refuses it with a reason.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/supervision/clearances", SupervisionAsync)
            .WithTags("Clearances")
            .WithSummary("Supervisors: the agency's clearances waiting for approval, and the officers who issued more than Clearances:UnusualClearances clearances within Clearances:UnusualWindow.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/clearances/{number}/proposal-decision", DecideProposalAsync)
            .WithTags("Clearances")
            .WithMetadata(new RequestSizeLimitAttribute(8 * 1024))
            .WithSummary("The owner's liaison desk accepts a partner's clearance on one of its entries (it covers from then on) or refuses it with a reason.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<ClearanceView>, ProblemHttpResult>> ApproveAsync(string number, ApprovalBody body, ClaimsPrincipal user, ApproveClearance useCase, Problems problems, CancellationToken ct)
    {
        (ClearanceView? clearance, string? error) = await useCase.HandleAsync(user.ToActor(), number, body.Approve, body.Reason, ct);
        return Answer(clearance, error, problems);
    }

    private static async Task<Results<Ok<ClearanceSupervisionView>, ProblemHttpResult>> SupervisionAsync(ClaimsPrincipal user, ClearanceSupervision useCase, Problems problems, CancellationToken ct)
    {
        ClearanceSupervisionView? view = await useCase.HandleAsync(user.ToActor(), ct);
        return view is null ? problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<ClearanceView>, ProblemHttpResult>> DecideProposalAsync(string number, ProposalDecisionBody body, ClaimsPrincipal user, DecideClearanceProposal useCase, Problems problems, CancellationToken ct)
    {
        (ClearanceView? clearance, string? error) = await useCase.HandleAsync(user.ToActor(), number, body.Accept, body.Reason, ct);
        return Answer(clearance, error, problems);
    }

    private static async Task<IResult> GetAsync(string number, HttpContext http, Problems problems, IOptions<NodeOptions> node, CancellationToken ct, string? birthDate = null)
    {
        if (birthDate is not null)
        {
            ClearanceStatus status = await http.RequestServices.GetRequiredService<CheckClearance>().HandleAsync(Actor.Public(node.Value.Agency), number, birthDate, ct);
            return TypedResults.Ok(new ClearanceStatusView(ClearanceNumbers.Normalize(number) ?? number.Trim(), status));
        }

        AuthenticateResult auth = await http.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!auth.Succeeded || auth.Principal.FindFirst(Maabar.Core.Data.MaabarClaims.Agency) is null)
        {
            return problems.Of(StatusCodes.Status401Unauthorized, ErrorCodes.AuthRequired);
        }

        // The staff record (name, birth date, document) is for those whom the clearance page admits.
        AuthorizationResult allowed = await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(auth.Principal, ServerSetup.Policies.Adjudication);
        if (!allowed.Succeeded)
        {
            return problems.Of(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden);
        }

        ClearanceView? clearance = await http.RequestServices.GetRequiredService<GetClearance>().HandleAsync(auth.Principal.ToActor(), number, "api.clearance.read", ct);
        return clearance is null ? problems.Of(StatusCodes.Status404NotFound, ErrorCodes.ClearanceNotFound) : TypedResults.Ok(clearance);
    }

    private static async Task<Results<Ok<ClearanceView>, ProblemHttpResult>> RevokeAsync(string number, RevocationBody body, ClaimsPrincipal user, RevokeClearance useCase, Problems problems, CancellationToken ct)
    {
        (ClearanceView? clearance, string? error) = await useCase.HandleAsync(user.ToActor(), number, body.Reason, ct);
        return Answer(clearance, error, problems);
    }

    /// <summary>The answer to a change of a clearance (revocation, a decision on a partner's proposal): the clearance, or why not.</summary>
    private static Results<Ok<ClearanceView>, ProblemHttpResult> Answer(ClearanceView? clearance, string? error, Problems problems) => error switch
    {
        null => TypedResults.Ok(clearance!),
        ErrorCodes.ClearanceNotFound => problems.Of(StatusCodes.Status404NotFound, error),
        ErrorCodes.Forbidden => problems.Of(StatusCodes.Status403Forbidden, error),
        ErrorCodes.ClearanceAlreadyRevoked or ErrorCodes.ClearanceNotPending => problems.Of(StatusCodes.Status409Conflict, error),
        ErrorCodes.ClearanceFourEyes => problems.Of(StatusCodes.Status403Forbidden, error),
        _ => problems.Validation([new ValidationError(error, "reason")]),
    };
}
