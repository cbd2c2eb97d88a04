namespace Maabar.Domain.Tests;

public sealed class NationalNumberRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [InlineData("TUN", "01234567", true)]
    [InlineData("TUN", "1234567", false)]
    [InlineData("TUN", "123456789", false)]
    [InlineData("LBY", "119850012345", true)]
    [InlineData("LBY", "219850012345", true)]
    [InlineData("LBY", "319850012345", false)] // first digit is the sex: 1 or 2
    [InlineData("LBY", "11985001234", false)]
    [InlineData("DZA", "A1B2C3", true)]         // other states: letters and digits
    [InlineData("DZA", "A1-B2", false)]
    [InlineData(null, "12345", true)]
    public void Validate_NationalNumber_FollowsTheNationalityRule(string? nationality, string number, bool valid)
    {
        IdentityValidation result = IdentityRules.Validate(new IdentityInput(FullNameLatin: "Ali", Nationality: nationality, NationalNumber: number), Today);

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Contains(new ValidationError(ErrorCodes.NationalNumberInvalid, "identity.nationalNumber"), result.Errors);
        }
    }

    [Theory]
    [InlineData("219920012345", "F", "1992-07-07", false)]
    [InlineData("219920012345", "M", "1992-07-07", true)]  // the number says female
    [InlineData("219930012345", "F", "1992-07-07", true)]  // the number says 1993
    [InlineData("219920012345", null, "1992", false)]      // unknown sex: nothing to compare
    public void CrossCheck_LibyanNumber_AgainstSexAndYear(string number, string? sex, string birthDate, bool mismatch)
    {
        TravellerIdentity identity = IdentityRules.Validate(new IdentityInput(FullNameLatin: "Fatima", Nationality: "LBY", Sex: sex, BirthDate: birthDate, NationalNumber: number), Today).Identity!;

        IReadOnlyList<ValidationError> warnings = IdentityRules.CrossCheckNationalNumber(identity.NationalNumber, identity.Nationality, identity.Sex, identity.BirthDate, identity.Document);

        Assert.Equal(mismatch, warnings.Contains(new ValidationError(ErrorCodes.NationalNumberMismatch, "identity.nationalNumber")));
    }

    [Theory]
    [InlineData("I", "12345678", false)]
    [InlineData("ID", "87654321", true)]  // the identity card's number is the CIN: they must agree
    [InlineData("P", "Z1234567", false)]  // a passport has its own number
    public void CrossCheck_TunisianCin_AgainstTheIdentityCardPresented(string type, string documentNumber, bool mismatch)
    {
        TravellerIdentity identity = IdentityRules.Validate(
            new IdentityInput(FullNameLatin: "Amira", Nationality: "TUN", NationalNumber: "12345678", DocumentType: type, DocumentNumber: documentNumber, DocumentIssuingState: "TUN"), Today).Identity!;

        Assert.Equal(mismatch, IdentityRules.CrossCheckNationalNumber(identity.NationalNumber, identity.Nationality, identity.Sex, identity.BirthDate, identity.Document).Count == 1);
    }
}
