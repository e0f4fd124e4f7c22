package dev.gureum.autoscaling.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.autoscaling.domain.AutoScalingRefusal.validation;

/** A group's tags: AWS's limits (50 per group, keys of up to 128 characters) and keys reserved to AWS. */
final class Tags {

    static final int MAX = 50;

    private Tags() {
    }

    /** The tags with {@code added} set over {@code existing} (a key given again changes its value). */
    static List<GroupTag> merge(List<GroupTag> existing, List<GroupTag> added) {
        Map<String, GroupTag> byKey = new LinkedHashMap<>();
        existing.forEach(t -> byKey.put(t.key(), t));
        for (GroupTag t : added) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw validation("Tag key must be between 1 and 128 characters long");
            }
            if (t.key().startsWith("aws:")) {
                throw validation("Tag keys starting with 'aws:' are reserved for internal use");
            }
            if (t.value() != null && t.value().length() > 256) {
                throw validation("Tag value must be no longer than 256 characters");
            }
            byKey.put(t.key(), new GroupTag(t.key(), t.value() == null ? "" : t.value(), t.propagateAtLaunch()));
        }
        if (byKey.size() > MAX) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.LIMIT_EXCEEDED,
                    "The number of tags for a resource must not exceed " + MAX + ".");
        }
        return new ArrayList<>(byKey.values());
    }
}
