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
    public void Compute_AgreesWithTheDefinition_OnRandomFieldsOfEveryLengthAndStart()
    {
        // ICAO 9303-3 §4.9, written out plainly: weights 7, 3, 1 repeating, values 0-9, A=10 ... Z=35, '<'=0.
        static int Reference(string data, int start)
        {
            int sum = 0;
            for (int i = 0; i < data.Length; i++)
            {
                char c = data[i];
                int value = c == '<' ? 0 : char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
                if (value < 0)
                {
                    return -1;
                }

                sum += value * ((start + i) % 3) switch { 0 => 7, 1 => 3, _ => 1 };
            }

            return sum;
        }

        var random = new Random(9303);
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<<<<a\u00E9-";
        for (int n = 0; n < 20_000; n++)
        {
            string data = new([.. Enumerable.Range(0, random.Next(0, 50)).Select(_ => alphabet[random.Next(random.NextDouble() < 0.9 ? 40 : alphabet.Length)])]);
            int start = random.Next(0, 60);
            int sum = 0, offset = start;
            bool ok = CheckDigit.Accumulate(ref sum, ref offset, data);
            int expected = Reference(data, start);

            Assert.Equal(expected >= 0, ok);
            if (ok)
            {
                Assert.Equal((expected, start + data.Length), (sum, offset));
                Assert.Equal(Reference(data, 0) % 10, CheckDigit.Compute(data));
            }
            else
            {
                Assert.Equal((0, start), (sum, offset));
            }
        }
    }

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
