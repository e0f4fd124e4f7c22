package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.core.testing.XmlAssert.assertXmlEquals;
import static org.assertj.core.api.Assertions.assertThat;

class XmlEncoderTest {

    private static String render(XmlEncoder encoder, Struct struct) {
        XmlWriter xml = new XmlWriter(false).start("R");
        encoder.members(xml, struct);
        return xml.end("R").toString();
    }

    private static String query(Struct struct) {
        return render(new XmlEncoder("member"), struct);
    }

    @Test
    void wrappedListsUseTheDefaultMemberName() {
        Struct s = Struct.of().list("Names", List.of("a", "b"));

        assertThat(query(s)).isEqualTo("<R><Names><member>a</member><member>b</member></Names></R>");
        assertThat(render(new XmlEncoder("item"), s)).isEqualTo("<R><Names><item>a</item><item>b</item></Names></R>");
    }

    @Test
    void wrappedListsMayNameTheirMembers() {
        assertThat(query(Struct.of().put("Tags", ListValue.wrapped(List.of("x"), "Tag"))))
                .isEqualTo("<R><Tags><Tag>x</Tag></Tags></R>");
    }

    @Test
    void flattenedListsRepeatTheListName() {
        assertThat(query(Struct.of().flatList("Message", List.of("a", "b"))))
                .isEqualTo("<R><Message>a</Message><Message>b</Message></R>");
    }

    @Test
    void flattenedListsMayUseAnotherItemName() {
        assertThat(query(Struct.of().put("QueueUrls", ListValue.flattened(List.of("u1", "u2"), "QueueUrl"))))
                .isEqualTo("<R><QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl></R>");
    }

    @Test
    void emptyListsAreAnEmptyWrapperOrNothing() {
        assertThat(query(Struct.of().list("Topics", List.of()).flatList("Message", List.of())))
                .isEqualTo("<R><Topics></Topics></R>");
    }

    @Test
    void listsOfStructuresAndListsNest() {
        Struct s = Struct.of().list("Outer", List.of(
                Struct.of().put("Id", 1).list("Inner", List.of("x", "y")),
                ListValue.wrapped(List.of("z"))));

        assertXmlEquals(query(s), """
                <R>
                  <Outer>
                    <member><Id>1</Id><Inner><member>x</member><member>y</member></Inner></member>
                    <member><member>z</member></member>
                  </Outer>
                </R>""");
    }

    @Test
    void listMapperTurnsItemsIntoValues() {
        assertThat(query(Struct.of().list("Ids", List.of(1, 2), i -> "id-" + i)))
                .isEqualTo("<R><Ids><member>id-1</member><member>id-2</member></Ids></R>");
    }

    @Test
    void mapsDefaultToEntryKeyValue() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("k1", "v1");
        m.put("k2", "v2");

        assertThat(query(Struct.of().put("Attributes", MapValue.of(m)))).isEqualTo("<R><Attributes>"
                + "<entry><key>k1</key><value>v1</value></entry>"
                + "<entry><key>k2</key><value>v2</value></entry>"
                + "</Attributes></R>");
    }

    @Test
    void wrappedMapsWithModelNames() {
        assertThat(query(Struct.of().put("Tags", MapValue.wrapped(Map.of("team", "core"), "Tag", "Key", "Value"))))
                .isEqualTo("<R><Tags><Tag><Key>team</Key><Value>core</Value></Tag></Tags></R>");
    }

    @Test
    void flattenedMapsRepeatTheEntryName() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("VisibilityTimeout", "30");
        m.put("DelaySeconds", "0");

        assertThat(query(Struct.of().put("Attribute", MapValue.flattened(m, "Attribute", "Name", "Value"))))
                .isEqualTo("<R><Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute>"
                        + "<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute></R>");
        // without an entry name, a flattened map's entries take the member's name
        assertThat(query(Struct.of().put("Attr", MapValue.flattened(Map.of("a", "b"), null, "Name", "Value"))))
                .isEqualTo("<R><Attr><Name>a</Name><Value>b</Value></Attr></R>");
    }

    @Test
    void mapValuesMayBeStructures() {
        Struct value = Struct.of().put("DataType", "String").put("StringValue", "v");

        assertThat(query(Struct.of().put("MessageAttributes",
                MapValue.flattened(Map.of("attr", value), "MessageAttribute", "Name", "Value"))))
                .isEqualTo("<R><MessageAttribute><Name>attr</Name>"
                        + "<Value><DataType>String</DataType><StringValue>v</StringValue></Value>"
                        + "</MessageAttribute></R>");
    }

    @Test
    void scalarsAreSpelledTheXmlWay() {
        String xml = query(Struct.of()
                .put("Bool", false)
                .put("Int", 42)
                .put("Long", 9_007_199_254_740_993L)
                .put("Whole", 1.0E10)
                .put("Fraction", 2.5)
                .put("Time", Instant.parse("2024-01-02T03:04:05.006Z"))
                .put("Blob", "hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(xml).isEqualTo("<R><Bool>false</Bool><Int>42</Int><Long>9007199254740993</Long>"
                + "<Whole>10000000000</Whole><Fraction>2.5</Fraction>"
                + "<Time>2024-01-02T03:04:05.006Z</Time><Blob>aGVsbG8=</Blob></R>");
    }

    @Test
    void nullMembersAndNullListsAreLeftOut() {
        Struct s = Struct.of().put("A", null).list("B", null).flatList("C", null).put("D", "d");

        assertThat(s.members()).containsOnlyKeys("D");
        assertThat(query(s)).isEqualTo("<R><D>d</D></R>");
    }

    @Test
    void nestedStructuresKeepMemberOrder() {
        Struct s = Struct.of().put("Z", "1").put("A", Struct.of().put("Y", "2").put("B", "3"));

        assertThat(query(s)).isEqualTo("<R><Z>1</Z><A><Y>2</Y><B>3</B></A></R>");
    }
}
