package dev.gureum.s3.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain ascii|plain ascii",
            "=?UTF-8?B?Y2Fmw6k=?=|caf\u00e9",
            "=?utf-8?q?caf=C3=A9_au_lait?=|caf\u00e9 au lait",
            "=?ISO-8859-1?Q?caf=E9?=|caf\u00e9",
            "=?UTF-8?B?Y2Fm?= =?UTF-8?B?w6k=?=|caf\u00e9",
            // raw UTF-8 bytes read as ISO-8859-1 characters
            "caf\u00c3\u00a9|caf\u00e9",
            // bytes that are not UTF-8 stay ISO-8859-1
            "caf\u00e9|caf\u00e9",
            // not only encoded words: kept as sent
            "see =?UTF-8?B?Y2Fmw6k=?=|see =?UTF-8?B?Y2Fmw6k=?=",
            "=?UTF-8?X?abc?=|=?UTF-8?X?abc?=",
            "=?no-such-charset?B?Y2Fm?=|=?no-such-charset?B?Y2Fm?="
    })
    void decodesWhatArrives(String received, String stored) {
        assertThat(MetadataValues.decode(received)).isEqualTo(stored);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain ascii|plain ascii",
            "caf\u00e9|=?UTF-8?B?Y2Fmw6k=?=",
            "\u00e9\u00e8|=?UTF-8?B?w6nDqA==?="
    })
    void encodesWhatIsNotAscii(String stored, String sent) {
        assertThat(MetadataValues.encode(stored)).isEqualTo(sent);
    }
}
