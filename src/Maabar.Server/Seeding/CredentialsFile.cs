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

    /// <summary>Deletes the file (when the generated administrator has changed its password, the file holds nothing valid).</summary>
    public void Delete() => File.Delete(Path);

    /// <summary>A random password that meets the node's password rules (<see cref="Core.Features.Users.TemporaryPassword"/>).</summary>
    public static string GeneratePassword() => Core.Features.Users.TemporaryPassword.Generate();
}
