using System.Collections.Frozen;
using Maabar.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Maabar.Server.Features.Auth;

/// <summary>
/// Refuses a password that is one of the 43,940 common passwords of 12 characters or more in the embedded
/// <c>CommonPasswords/common-passwords.txt</c> (SecLists, CC BY-SA 3.0; see the README beside it), ignoring
/// case. ASVS 4 §2.1.7. The list is read once, on first use, and shared; thread-safe.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<MaabarUser>
{
    /// <summary>The Identity error code; starts with "Password" so it is reported on the password field.</summary>
    public const string ErrorCode = "PasswordCommon";

    private const string ResourceName = "Maabar.Server.Features.Auth.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>True when the password is on the list (case ignored).</summary>
    public static bool IsCommon(string password) => List.Value.Contains(password);

    public Task<IdentityResult> ValidateAsync(UserManager<MaabarUser> manager, MaabarUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "The password is a common one." })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using Stream stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The common-password list is not embedded: " + ResourceName);
        using var reader = new StreamReader(stream);
        var words = new List<string>(44_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
