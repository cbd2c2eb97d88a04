using Maabar.Documents.Mrz;

namespace Maabar.Documents.Tests;

public sealed class CheckDigitAndNationalNumberTests
{
    [Theory]
    [InlineData("L898902C3", 6)] // ICAO 9303-3 worked examples
    [InlineData("740812", 2)]
    [InlineData("120415", 9)]
    [InlineData("<<<<<<", 0)]
    [InlineData("", 0)]
    public void Compute_KnownFields(string data, int digit) => Assert.Equal(digit, CheckDigit.Compute(data));

    [Theory]
    [InlineData("abc")]
    [InlineData("12 4")]
    public void Compute_CharacterOutsideTheAlphabet_IsMinusOne(string data) => Assert.Equal(-1, CheckDigit.Compute(data));

    [Fact]
    public void Accumulate_OverSeveralFields_EqualsComputeOverTheirConcatenation()
    {
        int sum = 0, offset = 0;
        Assert.True(CheckDigit.Accumulate(ref sum, ref offset, "L898902C36"));
        Assert.True(CheckDigit.Accumulate(ref sum, ref offset, "7408122"));

        Assert.Equal(CheckDigit.Compute("L898902C367408122"), sum % 10);
    }

    [Theory]
    [InlineData("119850012345", true, 'M', 1985)]
    [InlineData("220010012345", true, 'F', 2001)]
    [InlineData("319850012345", false, '<', 0)]
    [InlineData("11985001234", false, '<', 0)]
    [InlineData("11985001234X", false, '<', 0)]
    [InlineData("118000012345", false, 'M', 1800)]
    public void LibyanNationalNumber_ReadsSexAndYear(string number, bool ok, char sex, int year)
    {
        Assert.Equal(ok, LibyanNationalNumber.TryRead(number, out char s, out int y));
        if (ok)
        {
            Assert.Equal((sex, year), (s, y));
        }
    }

    [Theory]
    [InlineData("01234567", true)]
    [InlineData("1234567", false)]
    [InlineData("123456789", false)]
    [InlineData("1234567A", false)]
    public void TunisianIdNumber_IsEightDigits(string number, bool ok) => Assert.Equal(ok, TunisianIdNumber.IsWellFormed(number));
}
