using System.Security.Cryptography.X509Certificates;
using Maabar.Core.Features.Federation;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
        services.AddSingleton<IValidateOptions<FederationOptions>, FederationOptionsValidator>();
        services.AddSingleton(new FederationNode(configuration["Node:Agency"] ?? "TUN"));
        services.AddSingleton<NodeKeys>();
        services.AddSingleton<RejectionSampler>();
        services.RemoveAll<IPartnerDirectory>();
        services.AddSingleton<IPartnerDirectory>(sp => sp.GetRequiredService<NodeKeys>());
        services.RemoveAll<Maabar.Core.Data.IAuditSigner>();
        services.AddSingleton<Maabar.Core.Data.IAuditSigner, NodeAuditSigner>();
        services.AddHttpClient(Dispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            // Mutual TLS: the node presents its client certificate to every partner when one is configured.
            var handler = new SocketsHttpHandler();
            FederationOptions o = sp.GetRequiredService<IOptions<FederationOptions>>().Value;
            if (o.ClientCertificateFile is { } file)
            {
                string root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
                X509Certificate2 certificate = X509Certificate2.CreateFromPemFile(Path.GetFullPath(file, root), o.ClientCertificateKeyFile is { } key ? Path.GetFullPath(key, root) : null);
                handler.SslOptions.ClientCertificates = [certificate];
            }

            return handler;
        });

        // The receiving side of mutual TLS: when a partner is pinned, Kestrel asks every TLS client for a certificate and
        // lets the inbox judge it against the pin (a partner's self-signed certificate is trusted by its pin, not a chain).
        services.AddOptions<KestrelServerOptions>().Configure<NodeKeys>((kestrel, keys) =>
        {
            if (keys.AnyCertificatePins)
            {
                kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (_, _, _) => true;
                });
            }
        });
        services.AddSingleton<Dispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Dispatcher>());
        return services;
    }
}
