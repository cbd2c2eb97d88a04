using Maabar.Core.Features.Audit;
using Maabar.Core.Features.Auth;
using Maabar.Core.Features.Clearances;
using Maabar.Core.Features.Crossings;
using Maabar.Core.Features.Federation;
using Maabar.Core.Features.Hits;
using Maabar.Core.Features.Passages;
using Maabar.Core.Features.Reports;
using Maabar.Core.Features.Screening;
using Maabar.Core.Features.Users;
using Maabar.Core.Features.Watchlists;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Maabar.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the use cases. The host registers <c>MaabarDbContext</c> with its provider.</summary>
    public static IServiceCollection AddMaabarUseCases(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(NodeCalendar.Tunis);
        services.TryAddSingleton<WatchlistChanges>();
        services.TryAddSingleton<WatchlistChangeInterceptor>();
        services.TryAddSingleton<WatchlistIndex>();
        services.TryAddSingleton<IPartnerDirectory, NoPartners>();
        services.AddOptions<Data.AuditOptions>();
        services.TryAddSingleton<Data.IAuditSigner, Data.NoAuditSigner>();
        services.TryAddSingleton<Data.AuditChain>();
        services.AddScoped<Outbox>();
        services.AddScoped<ReceiveMessage>();
        services.AddScoped<LiaisonDesk>();
        services.AddScoped<RefusedMessages>();
        services.AddOptions<Features.Clearances.ClearanceOptions>();
        services.AddScoped<Features.Clearances.ApproveClearance>();
        services.AddScoped<Features.Clearances.ClearanceSupervision>();
        services.AddScoped<RecordPassage>();
        services.AddScoped<GetPassage>();
        services.AddScoped<Features.Travellers.SearchTravellers>();
        services.AddScoped<Features.Travellers.GetTravellerHistory>();
        services.AddScoped<ListRecentPassages>();
        services.AddScoped<ListCrossings>();
        services.AddScoped<CrossingBoard>();
        services.AddScoped<SetCrossingStatus>();
        services.AddScoped<Features.Sectors.SectorBoard>();
        services.AddScoped<Features.Sectors.SetSectorImpact>();
        services.AddScoped<Features.Committee.CommitteeRecords>();
        services.AddOptions<Features.Incidents.IncidentPolicy>();
        services.AddScoped<Features.Incidents.IncidentLog>();
        services.AddScoped<CreateUser>();
        services.AddScoped<ListUsers>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<ResetPassword>();
        services.AddScoped<ChangeOwnPassword>();
        services.AddScoped<QueryAudit>();
        services.AddScoped<RecordSignIn>();
        services.AddScoped<ImportWatchlist>();
        services.AddScoped<SaveEntry>();
        services.AddScoped<ReadEntries>();
        services.AddScoped<DecideHit>();
        services.AddScoped<ConfirmHit>();
        services.AddScoped<ListHits>();
        services.AddScoped<CheckClearance>();
        services.AddScoped<GetClearance>();
        services.AddScoped<RevokeClearance>();
        services.AddScoped<DecideClearanceProposal>();
        services.AddScoped<NamesakeBurden>();
        services.AddScoped<Dashboard>();
        services.AddOptions<Features.Retention.RetentionOptions>();
        services.AddScoped<Features.Retention.PurgeExpiredRecords>();
        return services;
    }
}
