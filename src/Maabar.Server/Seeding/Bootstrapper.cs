using Maabar.Core.Data;
using Maabar.Domain;
using Maabar.Hosting;
using Maabar.Server.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Maabar.Server.Seeding;

/// <summary>
/// First start: creates the roles and the node's first administrator. The password comes from
/// <c>Bootstrap:AdminPassword</c> or is generated and written to the credentials file, never to a log.
/// </summary>
internal sealed class Bootstrapper(
    MaabarDbContext db,
    UserManager<MaabarUser> users,
    RoleManager<MaabarRole> roles,
    IOptions<BootstrapOptions> options,
    IOptions<NodeOptions> node,
    DataDirectory data,
    TimeProvider clock,
    ILogger<Bootstrapper> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (string role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await Ensure(roles.CreateAsync(new MaabarRole { Name = role }));
            }
        }

        string agency = node.Value.Agency;
        bool hasAdmin = await (from u in db.Users
                               join ur in db.UserRoles on u.Id equals ur.UserId
                               join r in db.Roles on ur.RoleId equals r.Id
                               where u.Agency == agency && r.Name == Roles.Administrator
                               select u.Id).AnyAsync(cancellationToken);
        if (hasAdmin)
        {
            return;
        }

        string userName = options.Value.AdminUserName;
        string? password = options.Value.AdminPassword;
        bool generated = string.IsNullOrEmpty(password);
        password = generated ? CredentialsFile.GeneratePassword() : password;
        // A generated password was written to a file: it must be changed at the first sign-in (issue 21 point 1).
        // One set by Bootstrap:AdminPassword was chosen by the operator and is not forced.
        var admin = new MaabarUser { UserName = userName, Agency = agency, DisplayName = userName, CreatedUtc = clock.GetUtcNow().UtcDateTime, MustChangePassword = generated };
        await Ensure(users.CreateAsync(admin, password!));
        await Ensure(users.AddToRoleAsync(admin, Roles.Administrator));
        if (generated)
        {
            var file = new CredentialsFile(data);
            file.Append([$"# Maabar first administrator ({agency}), created {clock.GetUtcNow():u}", $"{userName}\t{password}\t{agency}\t{Roles.Administrator}"]);
            Log.AdminCreatedWithGeneratedPassword(logger, userName, file.Path);
        }
        else
        {
            Log.AdminCreated(logger, userName);
        }
    }

    internal static async Task Ensure(Task<IdentityResult> operation)
    {
        IdentityResult result = await operation;
        if (!result.Succeeded)
        {
            // Error codes only: Identity's descriptions can quote the user name.
            throw new InvalidOperationException("Identity operation failed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }
}
