using Maabar.Core.Features.Federation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Maabar.Federation;

public static class FederationServiceCollectionExtensions
{
    /// <summary>
    /// The node's keys and partners (section <c>Federation</c>), its agency (<c>Node:Agency</c>), the
    /// dispatcher and its HTTP client. Without partners the node runs alone: nothing is queued or sent.
    /// </summary>
    public static IServiceCollection AddMaabarFederation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FederationOptions>().Bind(configuration.GetSection(FederationOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new FederationNode(configuration["Node:Agency"] ?? "TUN"));
        services.AddSingleton<NodeKeys>();
        services.AddSingleton<RejectionSampler>();
        services.RemoveAll<IPartnerDirectory>();
        services.AddSingleton<IPartnerDirectory>(sp => sp.GetRequiredService<NodeKeys>());
        services.RemoveAll<Maabar.Core.Data.IAuditSigner>();
        services.AddSingleton<Maabar.Core.Data.IAuditSigner, NodeAuditSigner>();
        services.AddHttpClient(Dispatcher.HttpClientName);
        services.AddSingleton<Dispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        return services;
    }
}
