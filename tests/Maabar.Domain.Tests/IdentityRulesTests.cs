namespace Maabar.Domain.Tests;

public sealed class IdentityRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Fact]
    public void Validate_FullIdentity_IsValidAndNormalisesCodes()
    {
        var input = new IdentityInput(
            FullNameArabic: " \u0639\u0644\u064A \u0628\u0646 \u0639\u0645\u0631 ", // Ali ben Omar, padded
            FullNameLatin: "Ali Ben Omar",
            BirthDate: "1980-05-17",
            Sex: "m",
            Nationality: "tun",
            FatherName: "Omar",
            DocumentType: "p",
            DocumentNumber: "x 1234567",
            DocumentIssuingState: "tun",
            DocumentExpiryDate: "2030-01-01");

        IdentityValidation result = IdentityRules.Validate(input, Today);

        Assert.True(result.IsValid);
        TravellerIdentity identity = result.Identity!;
        Assert.Equal("\u0639\u0644\u064A \u0628\u0646 \u0639\u0645\u0631", identity.FullNameArabic);
        Assert.Equal(Sex.Male, identity.Sex);
        Assert.Equal("TUN", identity.Nationality);
        Assert.Equal(new TravelDocumentInfo("P", "X1234567", "TUN", new DateOnly(2030, 1, 1)), identity.Document);
    }

    [Fact]
    public void Validate_ArabicNameOnly_IsEnough()
    {
        IdentityValidation result = IdentityRules.Validate(new IdentityInput(FullNameArabic: "\u0641\u0627\u0637\u0645\u0629"), Today);

        Assert.True(result.IsValid);
        Assert.Null(result.Identity!.FullNameLatin);
    }

    [Fact]
    public void Validate_ReportsEveryProblemNotOnlyTheFirst()
    {
        var input = new IdentityInput(FullNameLatin: " ", BirthDate: "2031-01-01", Sex: "Q", Nationality: "XYZ", DocumentNumber: "A1");

        IdentityValidation result = IdentityRules.Validate(input, Today);

        Assert.Null(result.Identity);
        Assert.Equal(
            [
                new ValidationError(ErrorCodes.NameRequired, "identity.fullNameArabic"),
                new ValidationError(ErrorCodes.BirthDateInFuture, "identity.birthDate"),
                new ValidationError(ErrorCodes.SexInvalid, "identity.sex"),
                new ValidationError(ErrorCodes.CountryCodeInvalid, "identity.nationality"),
                new ValidationError(ErrorCodes.DocumentIncomplete, "identity.documentIssuingState"),
            ],
            result.Errors);
    }

    [Theory]
    [InlineData("2026-11-29", true)]  // born today
    [InlineData("2026-11-30", false)] // tomorrow
    [InlineData("2026-12", false)]    // a month that has not begun
    [InlineData("2026", true)]        // this year, day unknown
    [InlineData("1899", false)]
    public void Validate_BirthDateAgainstToday(string birthDate, bool valid) =>
        Assert.Equal(valid, IdentityRules.Validate(new IdentityInput(FullNameLatin: "Ali", BirthDate: birthDate), Today).IsValid);

    [Theory]
    [InlineData("Ali\u0000Omar")]
    [InlineData("Ali\u202EramO")]
    [InlineData("Ali\u2067Omar")]
    public void Validate_ControlOrBidiOverrideInName_IsInvalidCharacters(string name)
    {
        IdentityValidation result = IdentityRules.Validate(new IdentityInput(FullNameLatin: name), Today);

        Assert.Contains(new ValidationError(ErrorCodes.InvalidCharacters, "identity.fullNameLatin"), result.Errors);
    }

    [Fact]
    public void Validate_DirectionalMarksInName_AreDroppedNotRefused()
    {
        IdentityValidation result = IdentityRules.Validate(new IdentityInput(FullNameArabic: "\u200F\u0639\u0644\u064A\u200F"), Today);

        Assert.Equal("\u0639\u0644\u064A", result.Identity!.FullNameArabic);
    }

    [Theory]
    [InlineData("D")]   // Germany as printed in MRZ
    [InlineData("XXA")] // stateless person
    public void Validate_IcaoIssuerCodes_AreAccepted(string state) =>
        Assert.True(IdentityRules.Validate(new IdentityInput(FullNameLatin: "Ali", DocumentNumber: "C01X00T47", DocumentIssuingState: state), Today).IsValid);

    [Fact]
    public void Validate_ExpiryDateMustBeAFullDate() =>
        Assert.Contains(
            new ValidationError(ErrorCodes.DateFormat, "identity.documentExpiryDate"),
            IdentityRules.Validate(new IdentityInput(FullNameLatin: "Ali", DocumentNumber: "X1", DocumentIssuingState: "TUN", DocumentExpiryDate: "2030"), Today).Errors);
}
