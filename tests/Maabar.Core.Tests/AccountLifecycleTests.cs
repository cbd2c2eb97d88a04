using Maabar.Core.Data;
using Maabar.Core.Features.Users;
using Maabar.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maabar.Core.Tests;

/// <summary>Issue 21 point 1: the account lifecycle's use cases on each database; every refusal changes nothing.</summary>
public abstract class AccountLifecycleTests(CoreFixture fixture)
{
    private const string Password = "Lifecycle-password-2026";

    /// <summary>A user in an agency of the test's own (so that "the last administrator" is the test's to arrange).</summary>
    private Task<MaabarUser> CreateAsync(string agency, params string[] roles) => fixture.InScopeAsync(async sp =>
    {
        UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
        var user = new MaabarUser { UserName = "u" + Guid.NewGuid().ToString("N")[..10], Agency = agency };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return user;
    });

    private static Actor ActorOf(MaabarUser user, params string[] roles) => new(user.Id, user.UserName!, user.Agency, new HashSet<string>(roles, StringComparer.Ordinal));

    /// <summary>Three letters no other test uses, so each test's agency starts empty.</summary>
    private static string FreshAgency() => new([.. Guid.NewGuid().ToString("N")[..3].Select(c => (char)('A' + (Convert.ToInt32(c.ToString(), 16) % 26)))]);

    private Task<(bool Disabled, bool MustChange, string? Stamp, string? Hash, string Roles, int Audits)> StateAsync(Guid id) => fixture.InScopeAsync(async sp =>
    {
        MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
        MaabarUser user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        string roles = string.Join('|', await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id orderby r.Name select r.Name!).ToListAsync());
        string entity = id.ToString();
        int audits = await db.AuditEntries.CountAsync(a => a.EntityId == entity && a.Action.StartsWith("user."));
        return (user.Disabled, user.MustChangePassword, user.SecurityStamp, user.PasswordHash, roles, audits);
    });

    private Task<UpdateUserResult> UpdateAsync(Actor actor, string userName, UpdateUserRequest request) =>
        fixture.InScopeAsync(sp => sp.GetRequiredService<UpdateUser>().HandleAsync(actor, userName, request, CancellationToken.None));

    [Fact]
    public async Task UpdateUser_DisableAndRoles_ChangesBothRotatesTheStampAndAuditsEach()
    {
        string agency = FreshAgency();
        MaabarUser admin = await CreateAsync(agency, Roles.Administrator);
        MaabarUser officer = await CreateAsync(agency, Roles.Officer);
        var before = await StateAsync(officer.Id);

        UpdateUserResult result = await UpdateAsync(ActorOf(admin, Roles.Administrator), officer.UserName!, new UpdateUserRequest(true, [Roles.Analyst, Roles.Supervisor]));

        Assert.Equal(UpdateUserOutcome.Updated, result.Outcome);
        Assert.True(result.User!.Disabled);
        var after = await StateAsync(officer.Id);
        Assert.True(after.Disabled);
        Assert.Equal(Roles.Analyst + "|" + Roles.Supervisor, after.Roles);
        Assert.NotEqual(before.Stamp, after.Stamp);
        Assert.Equal(before.Audits + 2, after.Audits);
    }

    [Fact]
    public async Task UpdateUser_NothingChanged_WritesNothing()
    {
        string agency = FreshAgency();
        MaabarUser admin = await CreateAsync(agency, Roles.Administrator);
        MaabarUser officer = await CreateAsync(agency, Roles.Officer);
        var before = await StateAsync(officer.Id);

        UpdateUserResult result = await UpdateAsync(ActorOf(admin, Roles.Administrator), officer.UserName!, new UpdateUserRequest(false, [Roles.Officer]));

        Assert.Equal(UpdateUserOutcome.Updated, result.Outcome);
        Assert.Equal(before, await StateAsync(officer.Id));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(null, Roles.Officer)]
    public async Task UpdateUser_LastEnabledAdministrator_IsRefusedAndChangesNothing(bool? disable, string? role)
    {
        string agency = FreshAgency();
        MaabarUser admin = await CreateAsync(agency, Roles.Administrator);
        var before = await StateAsync(admin.Id);

        UpdateUserResult result = await UpdateAsync(ActorOf(admin, Roles.Administrator), admin.UserName!, new UpdateUserRequest(disable, role is null ? null : [role]));

        Assert.Equal(UpdateUserOutcome.LastAdministrator, result.Outcome);
        Assert.Equal(before, await StateAsync(admin.Id));
    }

    [Fact]
    public async Task UpdateUser_AnotherAdministratorEnabled_MayDisableTheFirst()
    {
        string agency = FreshAgency();
        MaabarUser first = await CreateAsync(agency, Roles.Administrator);
        MaabarUser second = await CreateAsync(agency, Roles.Administrator);

        UpdateUserResult result = await UpdateAsync(ActorOf(second, Roles.Administrator), first.UserName!, new UpdateUserRequest(true, null));

        Assert.Equal(UpdateUserOutcome.Updated, result.Outcome);
        Assert.True((await StateAsync(first.Id)).Disabled);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("unknown-role")]
    [InlineData("nothing")]
    public async Task UpdateUser_InvalidRequest_IsRefusedAndChangesNothing(string kind)
    {
        string agency = FreshAgency();
        MaabarUser admin = await CreateAsync(agency, Roles.Administrator);
        MaabarUser officer = await CreateAsync(agency, Roles.Officer);
        var before = await StateAsync(officer.Id);
        UpdateUserRequest request = kind switch
        {
            "empty" => new UpdateUserRequest(null, []),
            "unknown-role" => new UpdateUserRequest(true, ["king"]),
            _ => new UpdateUserRequest(null, null),
        };

        UpdateUserResult result = await UpdateAsync(ActorOf(admin, Roles.Administrator), officer.UserName!, request);

        Assert.Equal(UpdateUserOutcome.Invalid, result.Outcome);
        Assert.Equal(before, await StateAsync(officer.Id));
    }

    [Fact]
    public async Task UpdateAndReset_AnotherAgencysUser_AreNotFoundAndChangeNothing()
    {
        MaabarUser admin = await CreateAsync(FreshAgency(), Roles.Administrator);
        MaabarUser stranger = await CreateAsync(FreshAgency(), Roles.Officer);
        var before = await StateAsync(stranger.Id);

        UpdateUserResult update = await UpdateAsync(ActorOf(admin, Roles.Administrator), stranger.UserName!, new UpdateUserRequest(true, [Roles.Administrator]));
        ResetPasswordResult reset = await fixture.InScopeAsync(sp => sp.GetRequiredService<ResetPassword>().HandleAsync(ActorOf(admin, Roles.Administrator), stranger.UserName, CancellationToken.None));

        Assert.Equal(UpdateUserOutcome.NotFound, update.Outcome);
        Assert.Equal(ResetPasswordOutcome.NotFound, reset.Outcome);
        Assert.Null(reset.TemporaryPassword);
        Assert.Equal(before, await StateAsync(stranger.Id));
    }

    [Fact]
    public async Task ResetPassword_OwnAgency_SetsAOneTimePasswordThatMustBeChangedAndLiftsTheLockout()
    {
        string agency = FreshAgency();
        MaabarUser admin = await CreateAsync(agency, Roles.Administrator);
        MaabarUser officer = await CreateAsync(agency, Roles.Officer);
        await fixture.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            return await users.SetLockoutEndDateAsync((await users.FindByIdAsync(officer.Id.ToString()))!, fixture.Clock.GetUtcNow().AddHours(1));
        });
        var before = await StateAsync(officer.Id);

        ResetPasswordResult result = await fixture.InScopeAsync(sp => sp.GetRequiredService<ResetPassword>().HandleAsync(ActorOf(admin, Roles.Administrator), officer.UserName, CancellationToken.None));

        Assert.Equal(ResetPasswordOutcome.Reset, result.Outcome);
        Assert.Equal(20, result.TemporaryPassword!.Length);
        var after = await StateAsync(officer.Id);
        Assert.True(after.MustChange);
        Assert.NotEqual(before.Stamp, after.Stamp);
        Assert.Equal(before.Audits + 1, after.Audits);
        await fixture.InScopeAsync(async sp =>
        {
            UserManager<MaabarUser> users = sp.GetRequiredService<UserManager<MaabarUser>>();
            MaabarUser stored = (await users.FindByIdAsync(officer.Id.ToString()))!;
            Assert.True(await users.CheckPasswordAsync(stored, result.TemporaryPassword));
            Assert.False(await users.CheckPasswordAsync(stored, Password));
            Assert.False(await users.IsLockedOutAsync(stored));
            return 0;
        });
        string temporary = result.TemporaryPassword;
        Assert.Equal(0, await fixture.InScopeAsync(sp => sp.GetRequiredService<MaabarDbContext>().AuditEntries.CountAsync(a => a.Details != null && a.Details.Contains(temporary))));
    }

    private Task<ChangePasswordResult> ChangeAsync(Guid id, string current, string next) => fixture.InScopeAsync(async sp =>
    {
        MaabarUser user = (await sp.GetRequiredService<UserManager<MaabarUser>>().FindByIdAsync(id.ToString()))!;
        return await sp.GetRequiredService<ChangeOwnPassword>().HandleAsync(user, current, next, CancellationToken.None);
    });

    [Fact]
    public async Task ChangeOwnPassword_Right_SetsItClearsTheRequirementRotatesTheStampAndAudits()
    {
        MaabarUser officer = await CreateAsync(FreshAgency(), Roles.Officer);
        await fixture.InScopeAsync(async sp =>
        {
            MaabarDbContext db = sp.GetRequiredService<MaabarDbContext>();
            return await db.Users.Where(u => u.Id == officer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true));
        });
        var before = await StateAsync(officer.Id);

        ChangePasswordResult result = await ChangeAsync(officer.Id, Password, "Another-lifecycle-2027");

        Assert.Equal(ChangePasswordOutcome.Changed, result.Outcome);
        var after = await StateAsync(officer.Id);
        Assert.False(after.MustChange);
        Assert.NotEqual(before.Stamp, after.Stamp);
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.Equal(before.Audits + 1, after.Audits);
    }

    [Theory]
    [InlineData("wrong-current", "Another-lifecycle-2027", ChangePasswordOutcome.WrongPassword, null)]
    [InlineData(Password, "short", ChangePasswordOutcome.Invalid, ErrorCodes.PasswordWeak)]
    [InlineData(Password, Password, ChangePasswordOutcome.Invalid, ErrorCodes.PasswordUnchanged)]
    public async Task ChangeOwnPassword_Refused_ChangesNothing(string current, string next, ChangePasswordOutcome expected, string? code)
    {
        MaabarUser officer = await CreateAsync(FreshAgency(), Roles.Officer);
        var before = await StateAsync(officer.Id);

        ChangePasswordResult result = await ChangeAsync(officer.Id, current, next);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(code, result.Errors?.Single().Code);
        Assert.Equal(before, await StateAsync(officer.Id));
    }

    [Fact]
    public void TemporaryPassword_Generate_IsLongMixedAndDifferentEachTime()
    {
        string[] passwords = [.. Enumerable.Range(0, 200).Select(_ => TemporaryPassword.Generate())];

        Assert.All(passwords, p => Assert.True(p.Length == 20 && p.Any(char.IsAsciiDigit) && p.Any(char.IsAsciiLetterLower) && p.Distinct().Count() >= 5, p));
        Assert.Equal(passwords.Length, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}

public sealed class SqliteAccountLifecycleTests(SqliteCoreFixture fixture) : AccountLifecycleTests(fixture), IClassFixture<SqliteCoreFixture>;

public sealed class PostgresAccountLifecycleTests(PostgresCoreFixture fixture) : AccountLifecycleTests(fixture), IClassFixture<PostgresCoreFixture>;
