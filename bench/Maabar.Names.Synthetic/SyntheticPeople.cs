using System.Globalization;
using System.Text;

namespace Maabar.Names.Synthetic;

/// <summary>
/// Synthetic Tunisian and Libyan people for tests and benchmarks: given names, a nasab of one or two
/// generations and a family name, written in Arabic script and in French and English Latin spellings,
/// with typos; watchlist identities with aliases, and travellers that are spelling variants of listed
/// people (with the same or a conflicting date of birth), unrelated people, or common-name stress
/// queries. Deterministic for a seed. Not a model of any real list.
/// </summary>
public sealed class SyntheticPeople
{
    // Given names: Arabic script, French/Maghrebi spelling, English spelling, sex.
    private static readonly (string Arabic, string French, string English, char Sex)[] Given =
    [
        ("\u0645\u062D\u0645\u062F", "Mohamed", "Muhammad", 'M'), ("\u0623\u062D\u0645\u062F", "Ahmed", "Ahmad", 'M'), ("\u0639\u0644\u064A", "Ali", "Ali", 'M'),
        ("\u0639\u0645\u0631", "Omar", "Umar", 'M'), ("\u064A\u0648\u0633\u0641", "Youssef", "Yusuf", 'M'), ("\u062D\u0645\u0632\u0629", "Hamza", "Hamzah", 'M'),
        ("\u062E\u0627\u0644\u062F", "Khaled", "Khalid", 'M'), ("\u0633\u0627\u0645\u064A", "Sami", "Sami", 'M'), ("\u0627\u0644\u0647\u0627\u062F\u064A", "Hedi", "Al-Hadi", 'M'),
        ("\u0627\u0644\u0634\u0627\u0630\u0644\u064A", "Chedli", "Al-Shadhli", 'M'), ("\u0645\u0646\u064A\u0631", "Mounir", "Munir", 'M'), ("\u0646\u0628\u064A\u0644", "Nabil", "Nabil", 'M'),
        ("\u0648\u0644\u064A\u062F", "Walid", "Walid", 'M'), ("\u0637\u0627\u0631\u0642", "Tarek", "Tariq", 'M'), ("\u0628\u0644\u0627\u0644", "Bilel", "Bilal", 'M'),
        ("\u0623\u0646\u064A\u0633", "Anis", "Anis", 'M'), ("\u0641\u062A\u062D\u064A", "Fathi", "Fathi", 'M'), ("\u0645\u0646\u0635\u0641", "Moncef", "Munsif", 'M'),
        ("\u0639\u0628\u062F \u0627\u0644\u0642\u0627\u062F\u0631", "Abdelkader", "Abd al-Qadir", 'M'), ("\u0639\u0628\u062F \u0627\u0644\u0644\u0647", "Abdallah", "Abdullah", 'M'),
        ("\u0635\u0627\u0644\u062D", "Salah", "Salih", 'M'), ("\u0646\u0648\u0631 \u0627\u0644\u062F\u064A\u0646", "Noureddine", "Nur al-Din", 'M'), ("\u0645\u0635\u0637\u0641\u0649", "Mustapha", "Mustafa", 'M'),
        ("\u062D\u0633\u0646", "Hassen", "Hasan", 'M'), ("\u062D\u0633\u064A\u0646", "Houcine", "Husayn", 'M'), ("\u0625\u0628\u0631\u0627\u0647\u064A\u0645", "Brahim", "Ibrahim", 'M'),
        ("\u0643\u0631\u064A\u0645", "Karim", "Karim", 'M'), ("\u0631\u064A\u0627\u0636", "Riadh", "Riyad", 'M'), ("\u0644\u0637\u0641\u064A", "Lotfi", "Lutfi", 'M'),
        ("\u0645\u0628\u0631\u0648\u0643", "Mabrouk", "Mabruk", 'M'), ("\u0641\u0631\u062C", "Faraj", "Farag", 'M'), ("\u0645\u064A\u0644\u0648\u062F", "Miloud", "Milud", 'M'),
        ("\u0639\u0628\u062F \u0627\u0644\u0631\u062D\u0645\u0646", "Abderrahmane", "Abd al-Rahman", 'M'), ("\u062C\u0645\u0627\u0644", "Jamel", "Jamal", 'M'), ("\u0633\u0627\u0644\u0645", "Salem", "Salim", 'M'),
        ("\u0645\u062D\u0645\u0648\u062F", "Mahmoud", "Mahmud", 'M'), ("\u0627\u0644\u0645\u0646\u062C\u064A", "Mongi", "Al-Munji", 'M'), ("\u0627\u0644\u0637\u0627\u0647\u0631", "Tahar", "Al-Tahir", 'M'),
        ("\u0641\u0627\u0637\u0645\u0629", "Fatma", "Fatima", 'F'), ("\u0639\u0627\u0626\u0634\u0629", "Aicha", "Aisha", 'F'), ("\u0645\u0631\u064A\u0645", "Mariem", "Maryam", 'F'),
        ("\u0623\u0645\u0644", "Amel", "Amal", 'F'), ("\u0633\u0644\u0645\u0649", "Salma", "Salma", 'F'), ("\u0646\u0627\u062F\u064A\u0629", "Nadia", "Nadiya", 'F'),
        ("\u062E\u062F\u064A\u062C\u0629", "Khedija", "Khadija", 'F'), ("\u0644\u064A\u0644\u0649", "Leila", "Layla", 'F'), ("\u0647\u062F\u0649", "Houda", "Huda", 'F'),
        ("\u0632\u064A\u0646\u0628", "Zineb", "Zaynab", 'F'), ("\u0623\u0633\u0645\u0627\u0621", "Asma", "Asmaa", 'F'), ("\u0631\u064A\u0645", "Rim", "Reem", 'F'),
        ("\u0647\u0627\u062C\u0631", "Hajer", "Hajar", 'F'), ("\u0633\u0645\u064A\u0631\u0629", "Samira", "Samirah", 'F'), ("\u0645\u0646\u064A\u0629", "Mounia", "Munya", 'F'),
    ];

    // Family names: Arabic script, French/Maghrebi spelling, English spelling.
    private static readonly (string Arabic, string French, string English)[] Families =
    [
        ("\u0627\u0644\u0637\u0631\u0627\u0628\u0644\u0633\u064A", "Trabelsi", "al-Tarabulsi"), ("\u0627\u0644\u0648\u0631\u062A\u0627\u0646\u064A", "Ouertani", "Wartani"), ("\u0627\u0644\u062C\u0632\u064A\u0631\u064A", "Jaziri", "al-Jaziri"),
        ("\u0627\u0644\u0642\u0630\u0627\u0641\u064A", "Kadhafi", "Qadhafi"), ("\u0627\u0644\u0645\u0635\u0631\u0627\u062A\u064A", "Misrati", "al-Misrati"), ("\u0627\u0644\u0648\u0631\u0641\u0644\u064A", "Ouerfelli", "Warfalli"),
        ("\u0627\u0644\u0632\u0646\u062A\u0627\u0646\u064A", "Zintani", "al-Zintani"), ("\u0627\u0644\u0645\u0627\u062C\u0631\u064A", "Mejri", "al-Majri"), ("\u0627\u0644\u062D\u0645\u0627\u0645\u064A", "Hammami", "al-Hammami"),
        ("\u0627\u0644\u0634\u0627\u0628\u064A", "Chebbi", "al-Shabbi"), ("\u0627\u0644\u062F\u0631\u064A\u062F\u064A", "Dridi", "al-Duraydi"), ("\u0627\u0644\u063A\u0631\u0628\u064A", "Gharbi", "al-Gharbi"),
        ("\u0627\u0644\u0633\u0639\u064A\u062F\u064A", "Essaidi", "al-Saidi"), ("\u0627\u0644\u062C\u0628\u0627\u0644\u064A", "Jebali", "al-Jabali"), ("\u0627\u0644\u063A\u0646\u0648\u0634\u064A", "Ghannouchi", "al-Ghannushi"),
        ("\u0627\u0644\u0628\u0648\u0639\u0632\u064A\u0632\u064A", "Bouazizi", "al-Buazizi"), ("\u0627\u0644\u062A\u0648\u0645\u064A", "Toumi", "al-Tumi"), ("\u0627\u0644\u0632\u0648\u0627\u0631\u064A", "Zouari", "al-Zawari"),
        ("\u0627\u0644\u062E\u0645\u064A\u0631\u064A", "Khemiri", "al-Khamiri"), ("\u0627\u0644\u0639\u0628\u064A\u062F\u064A", "Obeidi", "al-Ubaydi"), ("\u0645\u062D\u062C\u0648\u0628", "Mahjoub", "Mahjub"),
        ("\u0627\u0644\u062A\u0631\u0647\u0648\u0646\u064A", "Tarhouni", "al-Tarhuni"), ("\u0627\u0644\u0643\u0643\u0644\u064A", "Kikli", "al-Kikli"), ("\u0627\u0644\u0633\u0648\u064A\u062D\u0644\u064A", "Souihli", "al-Suwayhli"),
    ];

    // Letters for generated family names: Arabic letter, French spelling, English spelling.
    private static readonly (string Arabic, string French, string English)[] Consonants =
    [
        ("\u0628", "b", "b"), ("\u062A", "t", "t"), ("\u062C", "dj", "j"), ("\u062D", "h", "h"), ("\u062E", "kh", "kh"), ("\u062F", "d", "d"),
        ("\u0631", "r", "r"), ("\u0632", "z", "z"), ("\u0633", "s", "s"), ("\u0634", "ch", "sh"), ("\u0635", "s", "s"), ("\u0637", "t", "t"),
        ("\u0639", "", "'"), ("\u063A", "gh", "gh"), ("\u0641", "f", "f"), ("\u0642", "k", "q"), ("\u06A8", "g", "g"), ("\u0643", "k", "k"),
        ("\u0644", "l", "l"), ("\u0645", "m", "m"), ("\u0646", "n", "n"), ("\u0648", "ou", "w"),
    ];

    private static readonly string[] CommonQueries =
    [
        "Mohamed Ben Ali", "\u0645\u062D\u0645\u062F \u0628\u0646 \u0639\u0644\u064A", "Mohamed", "Ali", "Mohamed Ali", "Ahmed Ben Mohamed", "\u0623\u062D\u0645\u062F \u0628\u0646 \u0645\u062D\u0645\u062F",
        "Fatma Ben Ali", "Muhammad bin Ali", "Ali Ben Mohamed Ben Ali",
    ];

    private readonly Random random;

    internal static string SexOf(int given) => Given[given].Sex.ToString();

    /// <summary>A generator for <paramref name="seed"/>: the same seed gives the same people.</summary>
    /// <param name="seed">Seed.</param>
    public SyntheticPeople(int seed) => random = new Random(seed);

    /// <summary>One person in the abstract, to be written in several ways.</summary>
    /// <param name="Given">Index of the given name.</param>
    /// <param name="Father">Index of the father's given name.</param>
    /// <param name="Grandfather">Index of the grandfather's given name, -1 when the nasab stops at the father.</param>
    /// <param name="Family">Family name: Arabic, French, English.</param>
    /// <param name="BirthDate">YYYY-MM-DD.</param>
    /// <param name="Mother">Index of the mother's given name.</param>
    public sealed record Person(int Given, int Father, int Grandfather, (string Arabic, string French, string English) Family, string BirthDate, int Mother)
    {
        /// <summary>M or F.</summary>
        public string Sex => SyntheticPeople.SexOf(Given);

        /// <summary>The sex as the matcher compares it.</summary>
        public PersonSex SexValue => Sex == "F" ? PersonSex.Female : PersonSex.Male;
    }

    /// <summary>A new random person; a rare generated family name most of the time, a frequent one otherwise.</summary>
    public Person NextPerson()
    {
        int given = random.Next(Given.Length);
        int father = NextMale();
        int grandfather = random.Next(3) == 0 ? NextMale() : -1;
        var family = random.Next(5) == 0 ? Families[random.Next(Families.Length)] : GeneratedFamily();
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 55));
        int mother = Given.Length - 1 - random.Next(15);
        return new Person(given, father, grandfather, family, birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), mother);
    }

    private int NextMale()
    {
        // The first names of the table are the frequent ones: skewed towards them.
        int limit = Given.Length - 15;
        return Math.Min(random.Next(limit), random.Next(limit));
    }

    private (string Arabic, string French, string English) GeneratedFamily()
    {
        int length = 2 + random.Next(2);
        var arabic = new StringBuilder(random.Next(2) == 0 ? "\u0627\u0644" : string.Empty);
        var french = new StringBuilder();
        var english = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            var c = Consonants[random.Next(Consonants.Length)];
            arabic.Append(c.Arabic);
            french.Append(c.French);
            english.Append(c.English);
            if (i < length - 1)
            {
                switch (random.Next(3))
                {
                    case 0:
                        french.Append('a');
                        english.Append('a');
                        break;
                    case 1:
                        arabic.Append('\u0627');
                        french.Append('a');
                        english.Append('a');
                        break;
                    default:
                        arabic.Append('\u0648');
                        french.Append("ou");
                        english.Append('u');
                        break;
                }
            }
        }

        // The nisba ending -i.
        arabic.Append('\u064A');
        french.Append('i');
        english.Append('i');
        return (arabic.ToString(), Capital(french.ToString()), Capital(english.ToString()));
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>The person's full name in Arabic script: given bin father [bin grandfather] family.</summary>
    /// <param name="person">The person.</param>
    public static string Arabic(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        string nasab = "\u0628\u0646 " + Given[person.Father].Arabic + (person.Grandfather >= 0 ? " \u0628\u0646 " + Given[person.Grandfather].Arabic : string.Empty);
        return Given[person.Given].Arabic + " " + nasab + " " + person.Family.Arabic;
    }

    /// <summary>The person's full name in French/Maghrebi spelling.</summary>
    /// <param name="person">The person.</param>
    public static string French(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        string nasab = "Ben " + Given[person.Father].French + (person.Grandfather >= 0 ? " Ben " + Given[person.Grandfather].French : string.Empty);
        return Given[person.Given].French + " " + nasab + " " + person.Family.French;
    }

    /// <summary>The person's full name in English spelling.</summary>
    /// <param name="person">The person.</param>
    public static string English(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        string nasab = "bin " + Given[person.Father].English + (person.Grandfather >= 0 ? " bin " + Given[person.Grandfather].English : string.Empty);
        return Given[person.Given].English + " " + nasab + " " + person.Family.English;
    }

    /// <summary>The name as on a passport: given name and family name only, French spelling.</summary>
    /// <param name="person">The person.</param>
    public static string Passport(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return Given[person.Given].French + " " + person.Family.French;
    }

    /// <summary>A typing slip: one letter dropped, doubled or swapped with its neighbour.</summary>
    /// <param name="name">A Latin name.</param>
    public string Typo(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int i = 1 + random.Next(Math.Max(1, name.Length - 2));
        if (i >= name.Length - 1 || name[i] == ' ' || name[i + 1] == ' ')
        {
            return name;
        }

        return random.Next(3) switch
        {
            0 => name.Remove(i, 1),
            1 => name.Insert(i, name[i].ToString()),
            _ => string.Concat(name.AsSpan(0, i), name[i + 1].ToString(), name[i].ToString(), name.AsSpan(i + 2)),
        };
    }

    /// <summary>A watchlist identity: primary name in Arabic script, aliases in French and English spelling and one with a slip.</summary>
    /// <param name="id">The entry id.</param>
    /// <param name="person">The person.</param>
    public IndexedIdentity Entry(string id, Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        string birth = random.Next(4) == 0 ? person.BirthDate[..4] : person.BirthDate;
        var description = new PersonDescription(Arabic(person), PartialBirthDate.Parse(birth), person.SexValue, "TUN", FatherName: Given[person.Father].Arabic, MotherName: random.Next(2) == 0 ? Given[person.Mother].French : null);
        return new IndexedIdentity(id, description, [French(person), English(person), Typo(French(person))]);
    }

    /// <summary>
    /// A traveller for a stream: one time in four a listed person written another way (half of those
    /// with a conflicting date of birth: a namesake), one in twenty a common-name stress query, otherwise
    /// an unrelated person. Returns the listed person it was made from, if any.
    /// </summary>
    /// <param name="listed">Listed people to draw from.</param>
    public (PersonDescription Traveller, Person? From) Traveller(IReadOnlyList<Person> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        int roll = random.Next(20);
        if (roll == 0)
        {
            return (new PersonDescription(CommonQueries[random.Next(CommonQueries.Length)], PartialBirthDate.Parse(NextPerson().BirthDate), PersonSex.Male), null);
        }

        if (roll <= 5 && listed.Count > 0)
        {
            Person person = listed[random.Next(listed.Count)];
            string name = random.Next(4) switch
            {
                0 => Arabic(person),
                1 => English(person),
                2 => Passport(person),
                _ => Typo(French(person)),
            };
            string birth = roll <= 2 ? person.BirthDate : DateOnly.ParseExact(person.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(400 + random.Next(3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return (new PersonDescription(name, PartialBirthDate.Parse(birth), person.SexValue), person);
        }

        Person stranger = NextPerson();
        return (new PersonDescription(random.Next(2) == 0 ? French(stranger) : Arabic(stranger), PartialBirthDate.Parse(stranger.BirthDate), stranger.SexValue), null);
    }
}
