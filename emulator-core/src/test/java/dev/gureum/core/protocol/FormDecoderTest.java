package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class FormDecoderTest {

    @Test
    void decodesTheSqsSendMessageQueryFromTheDocumentation() {
        // the query of the SQS API reference's SendMessage example (before AUTHPARAMS)
        Map<String, List<String>> form = FormDecoder.decode("Action=SendMessage"
                + "&MessageBody=This+is+a+test+message"
                + "&MessageAttribute.1.Name=my_attribute_name_1"
                + "&MessageAttribute.1.Value.StringValue=my_attribute_value_1"
                + "&MessageAttribute.1.Value.DataType=String"
                + "&MessageAttribute.2.Name=my_attribute_name_2"
                + "&MessageAttribute.2.Value.StringValue=my_attribute_value_2"
                + "&MessageAttribute.2.Value.DataType=String"
                + "&Expires=2020-05-05T22%3A52%3A43PST"
                + "&Version=2012-11-05");

        assertThat(form).containsExactly(
                entry("Action", List.of("SendMessage")),
                entry("MessageBody", List.of("This is a test message")),
                entry("MessageAttribute.1.Name", List.of("my_attribute_name_1")),
                entry("MessageAttribute.1.Value.StringValue", List.of("my_attribute_value_1")),
                entry("MessageAttribute.1.Value.DataType", List.of("String")),
                entry("MessageAttribute.2.Name", List.of("my_attribute_name_2")),
                entry("MessageAttribute.2.Value.StringValue", List.of("my_attribute_value_2")),
                entry("MessageAttribute.2.Value.DataType", List.of("String")),
                entry("Expires", List.of("2020-05-05T22:52:43PST")),
                entry("Version", List.of("2012-11-05")));
    }

    @Test
    void plusAndPercent20AreBothSpacesAndAnEscapedPlusIsAPlus() {
        Map<String, List<String>> form = FormDecoder.decode("a=x+y&b=x%20y&c=1%2B1&d=%2b");

        assertThat(form).containsEntry("a", List.of("x y"))
                .containsEntry("b", List.of("x y"))
                .containsEntry("c", List.of("1+1"))
                .containsEntry("d", List.of("+"));
    }

    @Test
    void namesAreDecodedToo() {
        assertThat(FormDecoder.decode("Tags.member.1%2EKey=v&My+Name=x"))
                .containsOnlyKeys("Tags.member.1.Key", "My Name");
    }

    @Test
    void koreanTextSurvivesAsUtf8() {
        Map<String, List<String>> form = FormDecoder.decode(
                "Message=%EA%B5%AC%EB%A6%84+%EC%84%9C%EC%9A%B8&%EC%9D%B4%EB%A6%84=%ED%95%9C%EA%B8%80");

        assertThat(form).containsEntry("Message", List.of("구름 서울"))
                .containsEntry("이름", List.of("한글"));
    }

    @Test
    void rawNonAsciiCharactersArePassedThrough() {
        // a client that did not escape UTF-8 text, including a character outside the BMP
        assertThat(FormDecoder.decode("Message=구름 😀")).containsEntry("Message", List.of("구름 😀"));
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        assertThat(FormDecoder.decode("AttributeName=All&AttributeName=Policy"))
                .containsEntry("AttributeName", List.of("All", "Policy"));
    }

    @Test
    void aNameWithoutValueHasTheEmptyValueAndEmptyPairsAreSkipped() {
        Map<String, List<String>> form = FormDecoder.decode("&&Flag&Empty=&Key=a=b&");

        assertThat(form).containsExactly(
                entry("Flag", List.of("")),
                entry("Empty", List.of("")),
                entry("Key", List.of("a=b")));
    }

    @Test
    void nothingDecodesToNothing() {
        assertThat(FormDecoder.decode(null)).isEmpty();
        assertThat(FormDecoder.decode("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%zz", "%4", "%", "abc%", "a%4g", "%C3%28", "%FF", "%E1%88", "%ED%A0%80"})
    void brokenEscapesAndInvalidUtf8AreRefused(String value) {
        assertThatThrownBy(() -> FormDecoder.decode("MessageBody=" + value))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAsciiHexDigitsMakeAnEscape() {
        // Character.digit also knows Arabic-Indic and full-width digits; an escape made of them is broken
        assertThatThrownBy(() -> FormDecoder.percentDecode("%\u0663\u0663", false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormDecoder.percentDecode("%\uFF14\uFF11", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentDecodeLeavesPlusAloneUnlessAskedTo() {
        assertThat(FormDecoder.percentDecode("a+b%2Fc", false)).isEqualTo("a+b/c");
        assertThat(FormDecoder.percentDecode("a+b%2fc", true)).isEqualTo("a b/c");
        assertThat(FormDecoder.percentDecode("plain", true)).isEqualTo("plain");
    }
}
