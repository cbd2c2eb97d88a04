using Maabar.Server.Infrastructure;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddMaabarServer();

WebApplication app = builder.Build();
app.UseMaabar();
await app.StartMaabarAsync();
await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can host it in tests.</summary>
public partial class Program
{
}
