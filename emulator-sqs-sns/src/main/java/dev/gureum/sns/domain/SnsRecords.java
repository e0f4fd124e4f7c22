package dev.gureum.sns.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * SNS's state as journal records: each sets a whole topic, subscription, platform application, endpoint
 * or an account's SMS settings, or removes one. Parsed forms (delivery and filter policies) are not
 * written: they are read again from the attributes' text.
 */
public final class SnsRecords {

    private SnsRecords() {
    }

    /** A topic without its subscriptions (they are records of their own). */
    public record TopicRecord(String arn, String name, String accountId, String region, boolean fifo,
                              Map<String, String> attributes, Map<String, String> tags, String dataProtectionPolicy,
                              int subscriptionsDeleted) {
    }

    /** A topic deleted, with its subscriptions. */
    public record TopicDeleted(String arn) {
    }

    /** A subscription, pending or confirmed, with its token and attributes. */
    public record SubscriptionRecord(String arn, String topicArn, String owner, String principal, String protocol,
                                     String endpoint, String token, boolean confirmed,
                                     boolean confirmationAuthenticated, boolean unsubscribeAuthenticated,
                                     Map<String, String> attributes) {
    }

    public record SubscriptionDeleted(String arn) {
    }

    public record ApplicationRecord(String arn, String name, String platform, Map<String, String> attributes) {
    }

    /** A platform application deleted, with its endpoints. */
    public record ApplicationDeleted(String arn) {
    }

    public record EndpointRecord(String arn, String applicationArn, Map<String, String> attributes) {
    }

    public record EndpointDeleted(String arn) {
    }

    /** An account's SMS settings in a region: attributes, opted-out numbers and sandbox numbers with their status. */
    public record SmsRecord(String accountId, String region, Map<String, String> attributes, List<String> optedOut,
                            Map<String, String> sandboxNumbers) {
    }

    static TopicRecord topic(Topic t) {
        return new TopicRecord(t.arn(), t.name(), t.accountId(), t.region(), t.isFifo(), t.attributes(), t.tags(),
                t.dataProtectionPolicy(), t.subscriptionsDeleted());
    }

    static SubscriptionRecord subscription(Subscription s) {
        return new SubscriptionRecord(s.arn(), s.topicArn(), s.owner(), s.principal(), s.protocol().name(),
                s.endpoint(), s.token(), s.isConfirmed(), s.isConfirmationAuthenticated(),
                s.unsubscribeNeedsAuthentication(), s.attributes());
    }

    /** The record types of the {@code sns} journal; tags are never reused. */
    public static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, TopicRecord.class, 1, (r, out) -> {
                out.writeString(r.arn());
                out.writeString(r.name());
                out.writeString(r.accountId());
                out.writeString(r.region());
                out.writeBoolean(r.fifo());
                out.writeStringMap(r.attributes());
                out.writeStringMap(r.tags());
                out.writeString(r.dataProtectionPolicy());
                out.writeInt(r.subscriptionsDeleted());
            }, (in, v) -> new TopicRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readBoolean(), in.readStringMap(), in.readStringMap(), in.readString(), in.readInt())),
            RecordType.of(2, TopicDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new TopicDeleted(in.readString())),
            RecordType.of(3, SubscriptionRecord.class, 1, SnsRecords::writeSubscription,
                    (in, v) -> readSubscription(in)),
            RecordType.of(4, SubscriptionDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new SubscriptionDeleted(in.readString())),
            RecordType.of(5, ApplicationRecord.class, 1, (r, out) -> {
                out.writeString(r.arn());
                out.writeString(r.name());
                out.writeString(r.platform());
                out.writeStringMap(r.attributes());
            }, (in, v) -> new ApplicationRecord(in.readString(), in.readString(), in.readString(), in.readStringMap())),
            RecordType.of(6, ApplicationDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new ApplicationDeleted(in.readString())),
            RecordType.of(7, EndpointRecord.class, 1, (r, out) -> {
                out.writeString(r.arn());
                out.writeString(r.applicationArn());
                out.writeStringMap(r.attributes());
            }, (in, v) -> new EndpointRecord(in.readString(), in.readString(), in.readStringMap())),
            RecordType.of(8, EndpointDeleted.class, 1, (r, out) -> out.writeString(r.arn()),
                    (in, v) -> new EndpointDeleted(in.readString())),
            RecordType.of(9, SmsRecord.class, 1, (r, out) -> {
                out.writeString(r.accountId());
                out.writeString(r.region());
                out.writeStringMap(r.attributes());
                out.writeStringList(r.optedOut());
                out.writeStringMap(r.sandboxNumbers());
            }, (in, v) -> new SmsRecord(in.readString(), in.readString(), in.readStringMap(), in.readStringList(),
                    in.readStringMap())));

    private static void writeSubscription(SubscriptionRecord r, RecordOutput out) throws IOException {
        out.writeString(r.arn());
        out.writeString(r.topicArn());
        out.writeString(r.owner());
        out.writeString(r.principal());
        out.writeString(r.protocol());
        out.writeString(r.endpoint());
        out.writeString(r.token());
        out.writeBoolean(r.confirmed());
        out.writeBoolean(r.confirmationAuthenticated());
        out.writeBoolean(r.unsubscribeAuthenticated());
        out.writeStringMap(r.attributes());
    }

    private static SubscriptionRecord readSubscription(RecordInput in) throws IOException {
        return new SubscriptionRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readBoolean(), in.readBoolean(), in.readBoolean(),
                in.readStringMap());
    }
}
