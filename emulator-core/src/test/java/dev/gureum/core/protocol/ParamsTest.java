package dev.gureum.core.protocol;

import dev.gureum.core.error.AwsException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsTest {

    static Params form(String query) {
        return Params.fromForm(FormDecoder.decode(query));
    }

    static Params json(String body) {
        return JsonCodec.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    static Params xml(String body) {
        return XmlDecoder.parse(body.getBytes(StandardCharsets.UTF_8)).root();
    }

    static void assertInvalid(ThrowingCallable call, String path) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("InvalidParameterValue");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(path);
        });
    }

    static void assertMissing(ThrowingCallable call, String path) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("MissingParameter");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(path);
        });
    }

    @Nested
    class Scalars {

        @Test
        void formTextIsConvertedToTheMemberType() {
            Params p = form("MaxNumberOfMessages=10&WaitTimeSeconds=+20+&Big=9007199254740993"
                    + "&Quiet=true&Loud=FALSE&Ratio=0.25&Name=q");

            assertThat(p.integer("MaxNumberOfMessages")).isEqualTo(10);
            assertThat(p.integer("WaitTimeSeconds")).isEqualTo(20);
            assertThat(p.longValue("Big")).isEqualTo(9_007_199_254_740_993L);
            assertThat(p.bool("Quiet")).isTrue();
            assertThat(p.bool("Loud")).isFalse();
            assertThat(p.doubleValue("Ratio")).isEqualTo(0.25);
            assertThat(p.string("Name")).isEqualTo("q");
        }

        @Test
        void jsonScalarsMustHaveTheirJsonType() {
            Params p = json("{\"n\":10,\"b\":true,\"d\":2,\"f\":1.5,\"s\":\"10\",\"t\":\"true\",\"big\":3000000000}");

            assertThat(p.integer("n")).isEqualTo(10);
            assertThat(p.bool("b")).isTrue();
            assertThat(p.doubleValue("d")).isEqualTo(2.0);
            assertThat(p.doubleValue("f")).isEqualTo(1.5);
            assertThat(p.longValue("big")).isEqualTo(3_000_000_000L);
            assertInvalid(() -> p.integer("s"), "s");
            assertInvalid(() -> p.bool("t"), "t");
            assertInvalid(() -> p.doubleValue("s"), "s");
            assertInvalid(() -> p.integer("f"), "f");
            assertInvalid(() -> p.integer("big"), "big");
            assertInvalid(() -> p.bool("n"), "n");
        }

        @Test
        void xmlTextIsConvertedLikeFormText() {
            Params p = xml("<R><Days>30</Days><Enabled>true</Enabled><Size>x</Size></R>");

            assertThat(p.integer("Days")).isEqualTo(30);
            assertThat(p.bool("Enabled")).isTrue();
            assertInvalid(() -> p.integer("Size"), "Size");
        }

        @Test
        void unreadableFormTextIsInvalidParameterValue() {
            Params p = form("A=ten&B=2147483648&C=yes&D=1.2.3&E=&F=1.5");

            assertInvalid(() -> p.integer("A"), "A");
            assertInvalid(() -> p.integer("B"), "B");
            assertThat(p.longValue("B")).isEqualTo(2_147_483_648L);
            assertInvalid(() -> p.bool("C"), "C");
            assertInvalid(() -> p.doubleValue("D"), "D");
            assertInvalid(() -> p.integer("E"), "E");
            assertInvalid(() -> p.longValue("F"), "F");
        }

        @Test
        void aStructureWhereAScalarBelongsIsInvalid() {
            Params p = form("Name.1=a");
            assertInvalid(() -> p.string("Name"), "Name");
            assertInvalid(() -> json("{\"Name\":[\"a\"]}").string("Name"), "Name");
            assertInvalid(() -> json("{\"Name\":{\"a\":1}}").integer("Name"), "Name");
        }

        @Test
        void absentMembersAreNullOrTheDefault() {
            Params p = form("Other=1");

            assertThat(p.string("Name")).isNull();
            assertThat(p.integer("N")).isNull();
            assertThat(p.longValue("N")).isNull();
            assertThat(p.doubleValue("N")).isNull();
            assertThat(p.bool("B")).isNull();
            assertThat(p.blob("Blob")).isNull();
            assertThat(p.string("Name", "dflt")).isEqualTo("dflt");
            assertThat(p.integer("N", 7)).isEqualTo(7);
            assertThat(p.bool("B", true)).isTrue();
            assertThat(json("{\"N\":null}").integer("N", 3)).isEqualTo(3);
        }

        @Test
        void requiredMembersThatAreMissingAreMissingParameter() {
            assertMissing(() -> form("Action=CreateQueue").requireString("QueueName"), "QueueName");
            assertMissing(() -> json("{\"QueueName\":null}").requireString("QueueName"), "QueueName");
            assertThat(form("QueueName=").requireString("QueueName")).isEmpty();
        }

        @Test
        void errorsNameTheFullPathOfTheMember() {
            Params p = form("Filter.1.Name=a&Filter.2.MaxResults=many");
            Params second = p.list("Filter").get(1);

            assertInvalid(() -> second.integer("MaxResults"), "Filter.2.MaxResults");
            assertMissing(() -> second.requireString("Name"), "Filter.2.Name");
            assertMissing(() -> json("{\"A\":{}}").object("A").requireString("B"), "A.B");
        }

        @Test
        void blobsAreBase64InEveryProtocol() {
            assertThat(form("Blob=aGVsbG8%3D").blob("Blob")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(json("{\"Blob\":\"+/8AYQ==\"}").blob("Blob")).containsExactly(0xfb, 0xff, 0x00, 'a');
            assertThat(xml("<R><Blob>aGVs\nbG8=</Blob></R>").blob("Blob")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
            assertThat(json("{\"Blob\":\"aGVs\\r\\nbG8=\"}").blob("Blob")).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void textThatIsNotBase64IsInvalid() {
            assertInvalid(() -> json("{\"Blob\":\"not base64!\"}").blob("Blob"), "Blob");
            assertInvalid(() -> json("{\"Blob\":\"aGVsbG8=x\"}").blob("Blob"), "Blob");
            assertInvalid(() -> form("Blob=%25%25%25%25").blob("Blob"), "Blob");
        }
    }

    @Nested
    class Structures {

        @Test
        void formKeysBecomeATree() {
            Params p = form("Action=SetQueueAttributes&Policy.Statement.1.Effect=Allow&A.B.C=deep");

            assertThat(p.names()).containsExactly("Action", "Policy", "A");
            assertThat(p.object("A").object("B").string("C")).isEqualTo("deep");
            assertThat(p.get("A").get("B").get("C").asString()).isEqualTo("deep");
            assertThat(p.object("Policy").list("Statement")).singleElement()
                    .satisfies(s -> assertThat(s.string("Effect")).isEqualTo("Allow"));
        }

        @Test
        void theFirstOfRepeatedFormValuesCounts() {
            assertThat(form("Name=first&Name=second").string("Name")).isEqualTo("first");
        }

        @Test
        void aStructureWinsOverAScalarOfTheSameName() {
            assertThat(form("T.1=x&T.1.Key=k").list("T").get(0).string("Key")).isEqualTo("k");
            assertThat(form("T.1.Key=k&T.1=x").list("T").get(0).string("Key")).isEqualTo("k");
        }

        @Test
        void absentStructuresReadAsEmptyAndScalarsAreNotStructures() {
            Params p = json("{\"S\":\"text\"}");

            assertThat(p.object("Missing").isPresent()).isFalse();
            assertThat(p.object("Missing").string("X")).isNull();
            assertThat(p.has("S")).isTrue();
            assertThat(p.has("Missing")).isFalse();
            assertInvalid(() -> p.object("S"), "S");
            assertInvalid(() -> json("{\"S\":[1]}").object("S"), "S");
        }

        @Test
        void emptyParamsHaveNothing() {
            assertThat(Params.empty().names()).isEmpty();
            assertThat(Params.empty().string("x")).isNull();
            assertThat(Params.empty().list("x")).isEmpty();
        }
    }

    @Nested
    class Lists {

        @Test
        void queryWrappedListsUnderMember() {
            Params p = form("Action=CreateTopic&Name=t"
                    + "&Tags.member.1.Key=team&Tags.member.1.Value=core"
                    + "&Tags.member.2.Key=env&Tags.member.2.Value=dev");

            assertThat(p.list("Tags")).extracting(t -> t.string("Key") + "=" + t.string("Value"))
                    .containsExactly("team=core", "env=dev");
        }

        @Test
        void ec2ListsAreIndexedDirectly() {
            assertThat(form("InstanceId.1=i-1234567890abcdef0&InstanceId.2=i-0598c7d356eba48d7").stringList("InstanceId"))
                    .containsExactly("i-1234567890abcdef0", "i-0598c7d356eba48d7");
            assertThat(form("GroupSet.item.1=sg-1&GroupSet.item.2=sg-2").stringList("GroupSet"))
                    .containsExactly("sg-1", "sg-2");
        }

        @Test
        void ec2FiltersWithValueLists() {
            Params p = form("Action=DescribeInstances"
                    + "&Filter.1.Name=instance-type&Filter.1.Value.1=t2.micro&Filter.1.Value.2=t3.micro"
                    + "&Filter.2.Name=tag%3AOwner&Filter.2.Value.1=%EA%B5%AC%EB%A6%84+%ED%8C%80");

            List<Params> filters = p.list("Filter");
            assertThat(filters).hasSize(2);
            assertThat(filters.get(0).string("Name")).isEqualTo("instance-type");
            assertThat(filters.get(0).stringList("Value")).containsExactly("t2.micro", "t3.micro");
            assertThat(filters.get(1).string("Name")).isEqualTo("tag:Owner");
            assertThat(filters.get(1).stringList("Value")).containsExactly("구름 팀");
        }

        @Test
        void indexesAreOrderedAsNumbersNotAsSentOrAsText() {
            StringBuilder q = new StringBuilder();
            for (int i = 12; i >= 1; i--) {
                q.append("&Id.").append(i).append("=v").append(i);
            }
            assertThat(form(q.substring(1)).stringList("Id"))
                    .containsExactly("v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12");
        }

        @Test
        void anEmptyQueryListIsEmpty() {
            // botocore's query serializer sends an empty list as "Name=" with no members
            Params p = form("Action=ReceiveMessage&AttributeNames=&MessageAttributeNames=");

            assertThat(p.list("AttributeNames")).isEmpty();
            assertThat(p.stringList("MessageAttributeNames")).isEmpty();
        }

        @Test
        void anUnindexedFormValueIsAOneItemList() {
            assertThat(form("AttributeNames=All").stringList("AttributeNames")).containsExactly("All");
            assertThat(form("Filter.Name=x").list("Filter")).singleElement()
                    .satisfies(f -> assertThat(f.string("Name")).isEqualTo("x"));
        }

        @Test
        void jsonArrays() {
            Params p = json("{\"AttributeNames\":[\"All\",\"Policy\"],"
                    + "\"Entries\":[{\"Id\":\"1\",\"MessageBody\":\"a\"},{\"Id\":\"2\",\"MessageBody\":\"b\"}],"
                    + "\"Empty\":[],\"Null\":null}");

            assertThat(p.stringList("AttributeNames")).containsExactly("All", "Policy");
            assertThat(p.list("Entries")).extracting(e -> e.string("Id")).containsExactly("1", "2");
            assertThat(p.list("Empty")).isEmpty();
            assertThat(p.list("Null")).isEmpty();
            assertThat(p.list("Absent")).isEmpty();
        }

        @Test
        void aJsonValueThatIsNotAnArrayIsInvalid() {
            assertInvalid(() -> json("{\"AttributeNames\":\"All\"}").list("AttributeNames"), "AttributeNames");
            assertInvalid(() -> json("{\"Entries\":{\"Id\":\"1\"}}").list("Entries"), "Entries");
        }

        @Test
        void itemsCarryTheirPath() {
            assertThat(json("{\"E\":[{},{}]}").list("E")).extracting(Params::path).containsExactly("E.1", "E.2");
            assertThat(form("Tags.member.2.Key=k").list("Tags")).extracting(Params::path).containsExactly("Tags.member.2");
        }
    }

    @Nested
    class Maps {

        @Test
        void snsAttributesWithEntryKeyValue() {
            Params p = form("Action=CreateTopic&Name=My-Topic"
                    + "&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=My%20Topic"
                    + "&Attributes.entry.2.key=FifoTopic&Attributes.entry.2.value=false");

            assertThat(p.stringMap("Attributes", "key", "value"))
                    .containsExactly(Map.entry("DisplayName", "My Topic"), Map.entry("FifoTopic", "false"));
        }

        @Test
        void sqsFlattenedAttributes() {
            Params p = form("Action=CreateQueue&QueueName=MyQueue"
                    + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40"
                    + "&Attribute.2.Name=DelaySeconds&Attribute.2.Value=0");

            assertThat(p.stringMap("Attribute", "Name", "Value"))
                    .containsExactly(Map.entry("VisibilityTimeout", "40"), Map.entry("DelaySeconds", "0"));
        }

        @Test
        void snsMessageAttributesWithStructuredValues() {
            Params p = form("Action=Publish&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3AMyTopic&Message=Hi"
                    + "&MessageAttributes.entry.1.Name=store&MessageAttributes.entry.1.Value.DataType=String"
                    + "&MessageAttributes.entry.1.Value.StringValue=example_corp"
                    + "&MessageAttributes.entry.2.Name=price&MessageAttributes.entry.2.Value.DataType=Number"
                    + "&MessageAttributes.entry.2.Value.StringValue=210.75");

            Map<String, Params> attributes = p.map("MessageAttributes", "Name", "Value");
            assertThat(attributes).containsOnlyKeys("store", "price");
            assertThat(attributes.get("price").string("DataType")).isEqualTo("Number");
            assertThat(attributes.get("price").doubleValue("StringValue")).isEqualTo(210.75);
        }

        @Test
        void jsonObjects() {
            Params p = json("{\"Attributes\":{\"VisibilityTimeout\":\"40\",\"Policy\":\"{}\"},\"Tags\":{}}");

            assertThat(p.stringMap("Attributes", "Name", "Value"))
                    .containsExactly(Map.entry("VisibilityTimeout", "40"), Map.entry("Policy", "{}"));
            assertThat(p.map("Tags", "Key", "Value")).isEmpty();
            assertThat(p.map("Absent", "Key", "Value")).isEmpty();
            assertInvalid(() -> json("{\"Attributes\":[\"a\"]}").map("Attributes", "Name", "Value"), "Attributes");
        }

        @Test
        void xmlEntries() {
            Params two = xml("<R><Tags><entry><key>a</key><value>1</value></entry>"
                    + "<entry><key>b</key><value>2</value></entry></Tags></R>");
            Params one = xml("<R><Tags><entry><key>a</key><value>1</value></entry></Tags></R>");
            Params flat = xml("<R><Attr><Name>a</Name><Value>1</Value></Attr><Attr><Name>b</Name><Value>2</Value></Attr></R>");

            assertThat(two.stringMap("Tags", "key", "value")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
            assertThat(one.stringMap("Tags", "key", "value")).containsExactly(Map.entry("a", "1"));
            assertThat(flat.stringMap("Attr", "Name", "Value")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        }

        @Test
        void anEntryWithoutKeyIsMissingParameter() {
            assertMissing(() -> form("Attribute.1.Value=40").map("Attribute", "Name", "Value"), "Attribute.1.Name");
        }

        @Test
        void anEntryWithoutValueMapsToNull() {
            assertThat(form("Attribute.1.Name=Policy").stringMap("Attribute", "Name", "Value"))
                    .containsEntry("Policy", null);
        }

        @Test
        void stringMapsAreReadOnly() {
            Map<String, String> m = form("Attribute.1.Name=a&Attribute.1.Value=b").stringMap("Attribute", "Name", "Value");
            assertThatThrownBy(() -> m.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
