using System.Security.Cryptography;
using Maabar.Hosting;

namespace Maabar.Server.Seeding;

/// <summary>
/// The file under the data folder where generated passwords are written (readable by the owner only),
/// so they never reach a log.
/// </summary>
internal sealed class CredentialsFile(DataDirectory data)
{
    public string Path { get; } = System.IO.Path.Combine(data.Path, "credentials.txt");

    public void Append(IEnumerable<string> lines)
    {
        // Created 0600 inside a 0700 folder, never chmod-ed afterwards: no moment when another account could read it.
        OwnerOnly.CreateDirectory(data.Path);
        using FileStream stream = OwnerOnly.OpenAppend(Path);
        using var writer = new StreamWriter(stream);
        foreach (string line in lines)
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>
    /// A random password of 20 characters from an unambiguous alphabet (about 114 bits) that meets the
    /// node's password rules: at least one digit and one lower-case letter (a draw without a digit, about one
    /// in 23, is drawn again; it used to fail the first start).
    /// </summary>
    public static string GeneratePassword()
    {
        while (true)
        {
            string password = RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            if (password.Any(char.IsAsciiDigit) && password.Any(char.IsAsciiLetterLower) && password.Distinct().Count() >= 5)
            {
                return password;
            }
        }
    }
}
