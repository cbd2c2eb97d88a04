using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Federation;
using Maabar.Hosting;
using Maabar.Server.Features.Audit;
using Maabar.Server.Features.Auth;
using Maabar.Server.Features.Clearances;
using Maabar.Server.Features.Crossings;
using Maabar.Server.Features.Documents;
using Maabar.Server.Features.Hits;
using Maabar.Server.Features.Incidents;
using Maabar.Server.Features.Sectors;
using Maabar.Server.Features.Committee;
using Maabar.Server.Features.Liaison;
using Maabar.Server.Features.Passages;
using Maabar.Server.Features.Reports;
using Maabar.Server.Features.Users;
using Maabar.Server.Features.Watchlists;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Maabar.Server.Seeding;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Maabar.Server.Infrastructure;

internal static class ServerSetup
{
    public static readonly CultureInfo[] Cultures = [new("ar"), new("fr"), new("en")];

    /// <summary>Rate-limiting policy of the public crossing board (page and API), per client address.</summary>
    public const string PublicStatusPolicy = "public-status";

    /// <summary>Rate-limiting policy of the federation inbox, per source address.</summary>
    public const string FederationInboxPolicy = "federation-inbox";

    /// <summary>Policy names: who may do what.</summary>
    public static class Policies
    {
        public const string Passages = "passages";
        public const string Administration = "administration";
        public const string ApiUser = "api-user";
        public const string Adjudication = "adjudication";
        public const string Reports = "reports";
        public const string Liaison = "liaison";
    }

    public static void AddMaabarServer(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        ConfigurationManager configuration = builder.Configuration;

        services.AddMaabarStorage(configuration, builder.Environment.ContentRootPath);
        services.AddMaabarFederation(configuration);
        services.AddMaabarRetentionJob();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PublicCheckOptions>().Bind(configuration.GetSection(PublicCheckOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Core.Features.Incidents.IncidentPolicy>().Bind(configuration.GetSection(Core.Features.Incidents.IncidentPolicy.Section))
            .Validate(p => !p.Problems().Any(), "Incidents:Reactions names an unknown step or a follow-up interval outside 1 to 168 hours.").ValidateOnStart();
        PublicCheckOptions publicCheck = configuration.GetSection(PublicCheckOptions.SectionName).Get<PublicCheckOptions>() ?? new PublicCheckOptions();
        AuthOptions auth = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        RateLimitOptions limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => o.ProxiesAreAddresses(), "Network:KnownProxies must list IP addresses.").ValidateOnStart();
        NetworkOptions network = configuration.GetSection(NetworkOptions.SectionName).Get<NetworkOptions>() ?? new NetworkOptions();
        CookieSecurePolicy secure = network.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<ForwardedHeadersOptions>(o => HttpHardening.ConfigureForwardedHeaders(o, network));
        services.Configure<CookiePolicyOptions>(o => o.Secure = secure);

        // Every body is small unless its endpoint documents a larger limit (imports, attachments).
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = network.MaxRequestBodyBytes);
        services.AddRateLimiter(o =>
        {
            // The public clearance check reveals little, but numbers must not be tried by the thousand.
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ClearanceEndpoints.PublicCheckPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = publicCheck.PermitsPerWindow, Window = publicCheck.Window, QueueLimit = 0 }));

            // Password guessing is slowed per client address before the account's own lockout counts
            // (ASVS 4 §2.2.1); only the attempts (POST) count, not reading the login page.
            o.AddPolicy(AuthEndpoints.SignInPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.SignInPermitsPerWindow, Window = auth.SignInWindow, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));

            // The other anonymous doors (issue 21 point 5): the public board and the federation inbox, per address.
            o.AddPolicy(PublicStatusPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.StatusPermitsPerWindow, Window = limits.StatusWindow, QueueLimit = 0 }));
            o.AddPolicy(FederationInboxPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.FederationInboxPermitsPerWindow, Window = limits.FederationInboxWindow, QueueLimit = 0 }));
        });
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateDataAnnotations()
            .Validate(o => !o.Enabled || builder.Environment.IsDevelopment(), "Demo data may only be seeded in Development.")
            .ValidateOnStart();

        // Keys protect cookies, antiforgery and bearer tokens: kept in the database (every instance shares them, sessions
        // survive a restart), encrypted with the configured certificate.
        KeyRingProtection.AddTo(services, configuration, builder.Environment);

        services.AddIdentity<MaabarUser, MaabarRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequiredUniqueChars = 5;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = auth.LockoutDuration;
                o.User.RequireUniqueEmail = false;
            })
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddSignInManager<MaabarSignInManager>()
            .AddEntityFrameworkStores<MaabarDbContext>()
            .AddClaimsPrincipalFactory<MaabarClaimsPrincipalFactory>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton(TwoFactorRequirement.From(configuration, builder.Environment));
        services.AddScoped<SecondFactor>();
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = auth.TokenLifetime;
            o.Events.OnMessageReceived = RefuseRevokedBearerTokenAsync;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = auth.RevalidationInterval);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = AuditContextMiddleware.AuthCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;

            // An absolute lifetime: one shift from sign-in, not extended by activity (ASVS 4 §3.3.1).
            o.ExpireTimeSpan = auth.SessionLifetime;
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = ValidateCookieAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.ApiUser, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser().RequireClaim(MaabarClaims.Agency))
            .AddPolicy(Policies.Passages, p => p.RequireRole(Roles.Officer, Roles.Supervisor))
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Adjudication, p => p.RequireRole(Roles.Officer, Roles.Supervisor, Roles.LiaisonOfficer))
            .AddPolicy(Policies.Liaison, p => p.RequireRole(Roles.LiaisonOfficer, Roles.Supervisor))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Roles.Analyst, Roles.CommitteeMember, Roles.Supervisor, Roles.LiaisonOfficer));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("ar");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.ApplyCurrentCultureToResponseHeaders = true;

            // Pages are Arabic until the user picks another language (query string or the switch's cookie);
            // API clients may also ask through Accept-Language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/");
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AddPageApplicationModelConvention("/Account/Login", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthEndpoints.SignInPolicy)));
                o.Conventions.AllowAnonymousToPage("/Account/ChangePassword");
                o.Conventions.AddPageApplicationModelConvention("/Account/ChangePassword", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthEndpoints.SignInPolicy)));
                o.Conventions.AllowAnonymousToPage("/Account/LoginTwoFactor");
                o.Conventions.AddPageApplicationModelConvention("/Account/LoginTwoFactor", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(AuthEndpoints.SignInPolicy)));
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Check");
                o.Conventions.AllowAnonymousToPage("/Status");
                o.Conventions.AddPageApplicationModelConvention("/Status", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(PublicStatusPolicy)));
                o.Conventions.AuthorizePage("/Crossings/Manage", Policies.Liaison);
                o.Conventions.AuthorizeFolder("/Incidents", Policies.Adjudication);
                o.Conventions.AuthorizePage("/Passages/New", Policies.Passages);
                o.Conventions.AuthorizePage("/Passages/Details", Policies.Adjudication);
                o.Conventions.AuthorizeFolder("/Hits", Policies.Adjudication);
                o.Conventions.AuthorizeFolder("/Clearances", Policies.Adjudication);
                o.Conventions.AuthorizeFolder("/Watchlist", Policies.Adjudication);
                o.Conventions.AuthorizeFolder("/Travellers", Policies.Adjudication);
                o.Conventions.AuthorizeFolder("/Reports", Policies.Reports);
                o.Conventions.AuthorizeFolder("/Committee", Policies.Reports);
                o.Conventions.AuthorizeFolder("/Liaison", Policies.Liaison);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
            })
            .AddViewLocalization();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "maabar.csrf";
            o.Cookie.SecurePolicy = secure;
            o.SuppressXFrameOptionsHeader = true; // every response says DENY (HttpHardening)
        });

        // A malformed body is a 400 problem in every environment (Development would otherwise throw it to the error handler).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddScoped<Problems>();
        services.AddScoped<AuditedSignIn>();
        services.AddScoped<PasswordChange>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddSingleton<Display>();
        services.AddScoped<CrossingNames>();
        services.AddSingleton<BorderMap>();
        services.AddOpenApi();
        services.AddMaabarHealth();
        services.AddMaabarMetrics(configuration);
        services.AddScoped<Bootstrapper>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<CredentialsFile>();
    }

    public static async Task StartMaabarAsync(this WebApplication app)
    {
        StorageOptions storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        Log.StorageSelected(app.Logger, storage.Provider.ToString(), app.Services.GetRequiredService<IOptions<NodeOptions>>().Value.Agency);
        await app.Services.MigrateMaabarDatabaseAsync(app.Lifetime.ApplicationStopping);
        await using AsyncServiceScope scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Bootstrapper>().RunAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().RunAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>
    /// Bearer tokens carry the account's roles and security stamp: refuses one whose account has since been
    /// locked, lost a role or had its stamp changed (read at most once per <see cref="AuthOptions.RevalidationInterval"/>).
    /// </summary>
    private static async Task RefuseRevokedBearerTokenAsync(MessageReceivedContext context)
    {
        string? header = context.Request.Headers.Authorization;
        const string prefix = "Bearer ";
        if (header is null || !header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        string token = header[prefix.Length..].Trim();
        AuthenticationTicket? ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= context.Options.TimeProvider!.GetUtcNow())
        {
            return; // the handler refuses a token it cannot read or that has expired
        }

        context.Token = token;
        AccountSessions sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        if (!await sessions.IsCurrentAsync(ticket.Principal, context.HttpContext.RequestAborted))
        {
            context.Fail("The account changed after the token was issued.");
        }
    }

    /// <summary>The cookie's counterpart: the same account check, then Identity's stamp validator, which refreshes the roles.</summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        AccountSessions sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public static void UseMaabar(this WebApplication app)
    {
        // Before anything reads the client's address or scheme, and so that every response has the headers.
        NetworkOptions network = app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value;
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(network.RequireHttps);
        if (network.RequireHttps)
        {
            app.UseHttpsRedirection();
        }
        else if (!app.Environment.IsDevelopment())
        {
            Log.HttpsNotRequired(app.Logger, app.Environment.EnvironmentName);
        }

        if (app.Services.GetRequiredService<KeyRingProtection>().Certificate is null)
        {
            Log.KeyRingNotEncrypted(app.Logger, app.Environment.EnvironmentName);
        }

        app.UseCookiePolicy();

        // Before everything that could answer for the path: /metrics exists only for the allowed networks.
        app.UseMaabarMetrics();

        // First after those, so that error pages and ProblemDetails written on the way out are in the request's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            Exception? exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            if (exception is BadHttpRequestException bad)
            {
                // A body that is not JSON, or larger than the endpoint's limit: the client's fault, in every environment.
                context.Response.StatusCode = bad.StatusCode;
            }
            else
            {
                if (exception is not null)
                {
                    Log.UnhandledException(app.Logger, exception, context.Request.Method, context.Request.Path, context.TraceIdentifier);
                }

                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context });
            }
            else
            {
                context.Response.Redirect("/Error");
            }
        }));
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/health"),
            ui => ui.UseStatusCodePagesWithReExecute("/Error", "?status={0}"));

        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.Use(AuditContextMiddleware.InvokeAsync);
        app.UseTwoFactorEnrolmentGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapScalarApiReference("/api-reference");
        app.MapMaabarHealth();
        app.MapCultureEndpoint();

        RouteGroupBuilder api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapPublicClearanceEndpoints();
        api.MapGroup(string.Empty).RequireRateLimiting(PublicStatusPolicy).MapPublicCrossingEndpoints();
        app.MapFederationInbox().RequireRateLimiting(FederationInboxPolicy);
        RouteGroupBuilder secured = api.MapGroup(string.Empty).RequireAuthorization(Policies.ApiUser);
        secured.MapCrossingEndpoints();
        secured.MapPassageEndpoints();
        secured.MapMrzEndpoints();
        secured.MapUserEndpoints();
        secured.MapTwoFactorEndpoints();
        secured.MapAuditEndpoints();
        secured.MapWatchlistEndpoints();
        secured.MapHitEndpoints();
        secured.MapClearanceEndpoints();
        secured.MapReportEndpoints();
        secured.MapLiaisonEndpoints();
        secured.MapIncidentEndpoints();
        secured.MapSectorEndpoints();
        secured.MapCommitteeEndpoints();

        app.MapRazorPages();
    }

    /// <summary>GET /culture?lang=fr&amp;returnUrl=/ — the language switch: stores the choice in a cookie and goes back.</summary>
    private static void MapCultureEndpoint(this WebApplication app) =>
        app.MapGet("/culture", (string? lang, string? returnUrl, HttpContext context) =>
        {
            string culture = Cultures.Any(c => c.Name == lang) ? lang! : "ar";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            bool local = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal);
            return Results.LocalRedirect(local ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
}

/// <summary>Accept-Language, for API requests only.</summary>
internal sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        httpContext.Request.Path.StartsWithSegments("/api")
            ? base.DetermineProviderCultureResult(httpContext)
            : NullProviderCultureResult;
}
