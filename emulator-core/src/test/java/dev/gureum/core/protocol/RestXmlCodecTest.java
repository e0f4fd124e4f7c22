package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RestXmlCodecTest {

    /** The ListAllMyBucketsResult example of the S3 API reference, built from a Struct. */
    @Test
    void writesARootElementInTheNamespace() {
        Struct body = Struct.of()
                .put("Buckets", ListValue.wrapped(List.of(Struct.of().put("Name", "amzn-s3-demo-bucket")
                        .put("CreationDate", Instant.parse("2019-12-11T23:32:47Z"))), "Bucket"))
                .put("Owner", Struct.of().put("DisplayName", "Account+Name").put("ID", "abc"));
        String xml = new String(RestXmlCodec.encode("ListAllMyBucketsResult", "http://s3.amazonaws.com/doc/2006-03-01/",
                body), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Buckets><Bucket>"
                + "<Name>amzn-s3-demo-bucket</Name><CreationDate>2019-12-11T23:32:47.000Z</CreationDate></Bucket>"
                + "</Buckets><Owner><DisplayName>Account+Name</DisplayName><ID>abc</ID></Owner></ListAllMyBucketsResult>");
    }

    /** Flattened lists repeat the member element, as ListObjectsV2's Contents do. */
    @Test
    void flattenedListsRepeatTheirElement() {
        Struct body = Struct.of().put("Name", "b").put("Contents", ListValue.flattened(List.of(
                Struct.of().put("Key", "a"), Struct.of().put("Key", "b"))));
        String xml = new String(RestXmlCodec.encode("ListBucketResult", null, body), StandardCharsets.UTF_8);
        assertThat(xml).endsWith("<ListBucketResult><Name>b</Name><Contents><Key>a</Key></Contents>"
                + "<Contents><Key>b</Key></Contents></ListBucketResult>");
    }
}
