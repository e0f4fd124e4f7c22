package dev.gureum.iam.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;

import java.util.Map;

/** IAM's identifiers and ARNs as AWS forms them. */
public final class IamIds {

    private IamIds() {
    }

    /**
     * A unique id: a four-letter prefix naming the kind ({@code AIDA} user, {@code AGPA} group, {@code AROA}
     * role, {@code ANPA} managed policy, {@code AIPA} instance profile) and 17 characters, 21 in all.
     */
    public static String uniqueId(String prefix) {
        return Ids.accessKeyId(prefix + Ids.accessKeyId("").charAt(0));
    }

    /** An access key id: {@code AKIA} and 16 characters. */
    public static String accessKeyId() {
        return Ids.accessKeyId("AKIA");
    }

    /** {@code arn:<partition>:iam::<account>:<kind><path><name>}. */
    public static String arn(String partition, String account, String kind, String path, String name) {
        return new Arn(partition, "iam", "", account, kind + path + name).toString();
    }

    /** Adds the tags to those there are: at most 50, as IAM allows. */
    static Map<String, String> tagged(Map<String, String> tags, Map<String, String> added) {
        Map<String, String> out = new java.util.LinkedHashMap<>(tags);
        out.putAll(added);
        if (out.size() > 50) {
            throw IamRefusal.limit("The number of tags has reached the maximum limit.");
        }
        return out;
    }

    static Map<String, String> untagged(Map<String, String> tags, java.util.Collection<String> keys) {
        Map<String, String> out = new java.util.LinkedHashMap<>(tags);
        keys.forEach(out::remove);
        return out;
    }
}
