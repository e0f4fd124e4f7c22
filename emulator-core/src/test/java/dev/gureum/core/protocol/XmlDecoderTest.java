package dev.gureum.core.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlDecoderTest {

    private static XmlDecoder.Document parse(String xml) {
        return XmlDecoder.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAnS3DeleteObjectsBody() {
        XmlDecoder.Document doc = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                    <Quiet>true</Quiet>
                    <Object>
                         <Key>sample1.txt</Key>
                    </Object>
                    <Object>
                      <Key>sample2.txt</Key>
                      <VersionId>OYcLXagmS.WaD..oyH4KRguB95_YhLs7</VersionId>
                    </Object>
                </Delete>""");

        assertThat(doc.rootName()).isEqualTo("Delete");
        Params root = doc.root();
        assertThat(root.origin()).isEqualTo(Params.Origin.XML);
        assertThat(root.bool("Quiet")).isTrue();
        List<Params> objects = root.list("Object");
        assertThat(objects).hasSize(2);
        assertThat(objects.get(0).string("Key")).isEqualTo("sample1.txt");
        assertThat(objects.get(0).has("VersionId")).isFalse();
        assertThat(objects.get(1).string("Key")).isEqualTo("sample2.txt");
        assertThat(objects.get(1).string("VersionId")).isEqualTo("OYcLXagmS.WaD..oyH4KRguB95_YhLs7");
    }

    @Test
    void aSingleElementIsAOneItemList() {
        Params root = parse("<Delete><Object><Key>only.txt</Key></Object></Delete>").root();

        assertThat(root.list("Object")).singleElement()
                .satisfies(o -> assertThat(o.string("Key")).isEqualTo("only.txt"));
        assertThat(root.list("Missing")).isEmpty();
    }

    @Test
    void nestedWrappersAreReadThroughObject() {
        Params root = parse("""
                <Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <TagSet>
                    <Tag><Key>team</Key><Value>core</Value></Tag>
                    <Tag><Key>env</Key><Value>dev</Value></Tag>
                  </TagSet>
                </Tagging>""").root();

        List<Params> tags = root.object("TagSet").list("Tag");
        assertThat(tags).extracting(t -> t.string("Key") + "=" + t.string("Value")).containsExactly("team=core", "env=dev");
    }

    @Test
    void repeatedElementsKeepDocumentOrderEvenWhenInterleaved() {
        Params root = parse("<R><A>1</A><B>x</B><A>2</A><A>3</A></R>").root();

        assertThat(root.stringList("A")).containsExactly("1", "2", "3");
        assertThat(root.string("B")).isEqualTo("x");
    }

    @Test
    void namespacesAndPrefixesAreIgnored() {
        Params root = parse("""
                <s3:CreateBucketConfiguration xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">
                  <s3:LocationConstraint>eu-west-1</s3:LocationConstraint>
                </s3:CreateBucketConfiguration>""").root();

        assertThat(root.string("LocationConstraint")).isEqualTo("eu-west-1");
    }

    @Test
    void textKeepsEscapesCdataAndSpacesAsSent() {
        Params root = parse("<R><K> a &amp; b &lt;c&gt; &#x1F600; </K><C><![CDATA[<raw> & ]]>x</C><E/></R>").root();

        assertThat(root.string("K")).isEqualTo(" a & b <c> 😀 ");
        assertThat(root.string("C")).isEqualTo("<raw> & x");
        assertThat(root.string("E")).isEmpty();
    }

    @Test
    void unicodeTextIsDecoded() {
        assertThat(parse("<R><Key>사진/구름.jpg</Key></R>").root().string("Key")).isEqualTo("사진/구름.jpg");
    }

    @Test
    void commentsAndProcessingInstructionsAreIgnored() {
        Params root = parse("<?xml version=\"1.0\"?><!-- c --><R><?pi x?><A>1<!-- inside --></A></R>").root();

        assertThat(root.string("A")).isEqualTo("1");
    }

    @Test
    void externalEntitiesAreRefusedAndNothingIsRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xml = "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE Delete [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Delete><Object><Key>&xxe;</Key></Object></Delete>";

        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("MalformedXML");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).doesNotContain("TOP-SECRET-CONTENT");
        });
    }

    @Test
    void internalEntityExpansionIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<R><A>&lol2;</A></R>";

        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void aDoctypeAloneIsRefused() {
        assertThatThrownBy(() -> parse("<!DOCTYPE R SYSTEM \"http://127.0.0.1:9/r.dtd\"><R/>"))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<R><A>1</A>",              // unclosed
            "<R><A>1</B></R>",          // mismatched
            "<R/><S/>",                 // two roots
            "just text",
            "<R>&undefined;</R>",       // undeclared entity
            "<R a=1/>",                 // unquoted attribute
            "<?xml version=\"1.0\"?>",  // no root
            "   ",
    })
    void malformedDocumentsAreMalformedXml(String xml) {
        assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("MalformedXML");
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void anEmptyBodyIsMalformed() {
        assertThatThrownBy(() -> XmlDecoder.parse(new byte[0])).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        assertThatThrownBy(() -> XmlDecoder.parse(null)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void theCallerMayNameTheError() {
        assertThatThrownBy(() -> XmlDecoder.parse("<R>".getBytes(StandardCharsets.UTF_8),
                CommonError.INVALID_REQUEST, "bad body"))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidRequest");
                    assertThat(e.getMessage()).isEqualTo("bad body");
                });
    }
}
