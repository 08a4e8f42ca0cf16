using Studenka.Umbraco.Notifications.Campaigns;

namespace Studenka.Umbraco.Notifications.Tests.Campaigns;

public sealed class SmsSegmentsTests
{
    private const string CrisisText = "Povodeň: ulice Malá strana a Matiční – evakuace do ZŠ Sjednocení.";

    // The 127 characters of the GSM 03.38 basic table, as listed in docs/messagebird-sms-api.md 8.2.
    private const string GsmBasicTable =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Plain_GSM_text_fits_160_septets_in_one_SMS_and_153_in_each_concatenated_part(int length, int segments)
    {
        var count = SmsSegments.Count(new string('a', length));

        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, length, length, segments), count);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void UCS2_text_fits_70_units_in_one_SMS_and_67_in_each_concatenated_part(int length, int segments)
    {
        var count = SmsSegments.Count(new string('ž', length));

        Assert.Equal(new SegmentCount(SmsEncoding.Ucs2, length, length, segments), count);
    }

    [Fact]
    public void Empty_text_is_zero_segments_because_there_is_nothing_to_send_or_pay_for()
    {
        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 0, 0, 0), SmsSegments.Count(""));
    }

    [Fact]
    public void Every_character_of_the_GSM_basic_table_costs_one_septet()
    {
        var count = SmsSegments.Count(GsmBasicTable);

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(127, count.Units);
    }

    [Fact]
    public void One_cz_letter_makes_a_71_character_text_two_UCS2_segments_but_transliterated_it_is_one_GSM_segment()
    {
        var text = "č" + new string('a', 70);

        var kept = SmsSegments.Preview(text, DiacriticsChoice.Keep);
        var transliterated = SmsSegments.Preview(text, DiacriticsChoice.Transliterate);

        Assert.Equal(new SegmentCount(SmsEncoding.Ucs2, 71, 71, 2), kept.Count);
        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 71, 71, 1), transliterated.Count);
        Assert.Equal("c" + new string('a', 70), transliterated.SentText);
    }

    [Theory]
    [InlineData('€')]
    [InlineData('[')]
    [InlineData(']')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('\\')]
    [InlineData('^')]
    [InlineData('~')]
    [InlineData('|')]
    [InlineData('\f')]
    public void An_extension_character_stays_GSM_but_costs_two_septets(char extension)
    {
        var count = SmsSegments.Count($"a{extension}b");

        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 3, 4, 1), count);
    }

    [Theory]
    [InlineData(80, 160, 1)]
    [InlineData(81, 162, 2)]
    [InlineData(152, 304, 2)]
    [InlineData(153, 306, 3)]
    public void Euro_signs_count_two_septets_and_are_never_split_across_parts(int euros, int septets, int segments)
    {
        var count = SmsSegments.Count(new string('€', euros));

        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, euros, septets, segments), count);
    }

    [Fact]
    public void An_escape_pair_that_would_straddle_a_part_boundary_moves_whole_to_the_next_part()
    {
        // 152 + 2 + 152 = 306 septets: 2 parts by plain division, but the € cannot start at septet 153.
        var text = new string('a', 152) + "€" + new string('a', 152);

        var count = SmsSegments.Count(text);

        Assert.Equal(306, count.Units);
        Assert.Equal(3, count.Segments);
    }

    [Fact]
    public void E_acute_is_in_the_GSM_alphabet_and_costs_one_septet()
    {
        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 8, 8, 1), SmsSegments.Count("Studénka"));
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(35, 70, 1)]
    [InlineData(36, 72, 2)]
    public void An_emoji_forces_UCS2_and_counts_two_units_as_one_character(int emoji, int units, int segments)
    {
        var text = string.Concat(Enumerable.Repeat("😀", emoji));

        Assert.Equal(new SegmentCount(SmsEncoding.Ucs2, emoji, units, segments), SmsSegments.Count(text));
    }

    [Fact]
    public void A_surrogate_pair_is_never_split_across_UCS2_parts()
    {
        // 66 + 2 + 66 = 134 units: the emoji would straddle units 67 and 68, so it opens part two.
        var text = new string('ž', 66) + "😀" + new string('ž', 66);

        Assert.Equal(new SegmentCount(SmsEncoding.Ucs2, 133, 134, 3), SmsSegments.Count(text));
    }

    [Fact]
    public void A_Czech_crisis_text_keeps_its_diacritics_in_UCS2_or_loses_them_into_GSM()
    {
        var kept = SmsSegments.Preview(CrisisText, DiacriticsChoice.Keep);
        var transliterated = SmsSegments.Preview(CrisisText, DiacriticsChoice.Transliterate);

        Assert.Equal(CrisisText, kept.SentText);
        Assert.Equal(new SegmentCount(SmsEncoding.Ucs2, 65, 65, 1), kept.Count);
        Assert.Equal("Povoden: ulice Mala strana a Maticni - evakuace do ZS Sjednoceni.", transliterated.SentText);
        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 65, 65, 1), transliterated.Count);
    }

    [Fact]
    public void The_same_crisis_text_twice_costs_two_UCS2_segments_kept_but_one_GSM_segment_transliterated()
    {
        // 131 characters: over 70 UCS-2 units, well under 160 septets.
        var text = CrisisText + " " + CrisisText;

        Assert.Equal(2, SmsSegments.Preview(text, DiacriticsChoice.Keep).Count.Segments);
        Assert.Equal(1, SmsSegments.Preview(text, DiacriticsChoice.Transliterate).Count.Segments);
    }

    [Theory]
    [InlineData("ěščřžýáíúůťďňĚŠČŘŽÝÁÍÚŮŤĎŇóÓ", "escrzyaiuutdnESCRZYAIUUTDNoO")]
    [InlineData("é É ä ö ü Ä Ö Ü ñ à è ù ì ò Ç Ø ø Å å ß", "é É ä ö ü Ä Ö Ü ñ à è ù ì ò Ç Ø ø Å å ß")]
    [InlineData("„Pozor“ ‚a‘ ”b’", "\"Pozor\" 'a' \"b'")]
    [InlineData("8–12 h — konec…", "8-12 h - konec...")]
    [InlineData("10\u00A0000 Kč", "10 000 Kc")]
    [InlineData("ç ł Łódź", "c l Lodz")]
    [InlineData("Ahoj 😀 ✓ 中", "Ahoj ? ? ?")]
    [InlineData("Cena 5 € [info]", "Cena 5 € [info]")]
    public void Transliteration_drops_only_what_GSM7_cannot_carry(string text, string expected)
    {
        Assert.Equal(expected, SmsSegments.Transliterate(text));
    }

    [Fact]
    public void A_decomposed_letter_pasted_from_another_editor_is_transliterated_like_a_composed_one()
    {
        Assert.Equal("Mesto", SmsSegments.Transliterate("Me\u030Csto"));
        Assert.Equal("é", SmsSegments.Transliterate("e\u0301"));
    }

    [Theory]
    [InlineData("Povodeň – evakuace „ihned“… 😀 👨‍👩‍👧 中文 ł\t\u00A0`")]
    [InlineData("Ǆ ǅ ǆ ﬁ Ⅻ ① ½ ™ © ® ° ± × ÷")]
    public void Transliterated_text_is_always_entirely_GSM7(string text)
    {
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Preview(text, DiacriticsChoice.Transliterate).Count.Encoding);
    }

    [Fact]
    public void A_family_emoji_of_several_code_points_becomes_a_single_question_mark()
    {
        Assert.Equal("a?b", SmsSegments.Transliterate("a👨‍👩‍👧b"));
    }

    [Fact]
    public void Three_segments_to_a_thousand_recipients_at_95_halers_cost_2850_crowns()
    {
        Assert.Equal(2850.00m, SmsSegments.EstimateCost(3, 1000, 0.95m));
    }

    [Fact]
    public void A_negative_recipient_count_is_a_bug_not_a_free_campaign()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SmsSegments.EstimateCost(1, -1, 0.95m));
    }
}
