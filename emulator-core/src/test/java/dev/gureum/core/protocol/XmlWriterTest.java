package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import static dev.gureum.core.testing.XmlAssert.parse;
import static org.assertj.core.api.Assertions.assertThat;

class XmlWriterTest {

    @Test
    void escapesTheFiveMarkupCharacters() {
        assertThat(XmlWriter.escape("& < > \" '")).isEqualTo("&amp; &lt; &gt; &quot; &apos;");
    }

    @Test
    void writesLineBreaksAndTabsAsCharacterReferences() {
        assertThat(XmlWriter.escape("a\r\nb\tc\rd\ne")).isEqualTo("a&#xD;&#xA;b&#x9;c&#xD;d&#xA;e");
    }

    @Test
    void dropsCharactersXmlCannotCarry() {
        assertThat(XmlWriter.escape("a\u0000b\u0001c\u001Fd\uFFFEe\uFFFF")).isEqualTo("abcde");
    }

    @Test
    void keepsUnicodeTextIncludingSupplementaryCharacters() {
        assertThat(XmlWriter.escape("구름 ☁ 😀 é")).isEqualTo("구름 ☁ 😀 é");
    }

    @Test
    void elementWithNullTextWritesNothing() {
        XmlWriter xml = new XmlWriter(false).start("a").element("b", null).element("c", "").end("a");
        assertThat(xml.toString()).isEqualTo("<a><c></c></a>");
    }

    @Test
    void declarationIsWrittenByDefault() {
        assertThat(new XmlWriter().start("a").end("a").toString())
                .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a></a>");
        assertThat(new XmlWriter(false).start("a").end("a").toString()).isEqualTo("<a></a>");
    }

    @Test
    void namespaceIsAnEscapedAttribute() {
        String xml = new XmlWriter(false).start("r", "urn:x?a=1&b=\"2\"").end("r").toString();

        assertThat(xml).isEqualTo("<r xmlns=\"urn:x?a=1&amp;b=&quot;2&quot;\"></r>");
        assertThat(parse(xml).getDocumentElement().getNamespaceURI()).isEqualTo("urn:x?a=1&b=\"2\"");
    }

    @Test
    void textRoundTripsThroughAnXmlParser() {
        String text = "<tag attr=\"v\">&amp;</tag>\r\n\t'q'";
        String xml = new XmlWriter().start("v").text(text).end("v").toString();

        assertThat(parse(xml).getDocumentElement().getTextContent()).isEqualTo(text);
    }

    @Test
    void rawIsWrittenVerbatim() {
        assertThat(new XmlWriter(false).start("a").raw("<b x='1'/>").end("a").toString())
                .isEqualTo("<a><b x='1'/></a>");
    }
}
