package dev.gureum.s3.http;

import dev.gureum.core.protocol.Params;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.ConfigurationRules;

import java.util.ArrayList;
import java.util.List;

/** Reads lifecycle, logging and Object Lock documents into what {@link ConfigurationRules} judges. */
final class ConfigurationChecks {

    private ConfigurationChecks() {
    }

    static void lifecycle(Bucket bucket, Params config) {
        List<ConfigurationRules.LifecycleRuleTimings> rules = new ArrayList<>();
        for (Params rule : config.list("Rule")) {
            List<ConfigurationRules.LifecycleTiming> timings = new ArrayList<>();
            timing(timings, rule.object("Expiration"), "Expiration", "Days", true);
            timing(timings, rule.object("NoncurrentVersionExpiration"), "NoncurrentVersionExpiration",
                    "NoncurrentDays", false);
            timing(timings, rule.object("AbortIncompleteMultipartUpload"), "AbortIncompleteMultipartUpload",
                    "DaysAfterInitiation", false);
            for (Params transition : rule.list("Transition")) {
                timing(timings, transition, "Transition", "Days", true);
            }
            for (Params transition : rule.list("NoncurrentVersionTransition")) {
                timing(timings, transition, "NoncurrentVersionTransition", "NoncurrentDays", false);
            }
            rules.add(new ConfigurationRules.LifecycleRuleTimings(rule.string("ID"), timings));
        }
        ConfigurationRules.checkLifecycle(bucket, rules);
    }

    private static void timing(List<ConfigurationRules.LifecycleTiming> timings, Params action, String name,
                               String daysElement, boolean dated) {
        if (!action.isPresent()) {
            return;
        }
        timings.add(new ConfigurationRules.LifecycleTiming(name, daysElement, action.string(daysElement),
                dated ? action.string("Date") : null));
    }

    static void logging(Bucket bucket, Params config, S3State state) {
        Params enabled = config.object("LoggingEnabled");
        if (!enabled.isPresent()) {
            return;
        }
        String target = enabled.string("TargetBucket");
        if (target == null || target.isEmpty()) {
            throw new dev.gureum.s3.domain.BucketRefusal(dev.gureum.s3.domain.BucketRefusal.Reason.MALFORMED_CONFIGURATION,
                    bucket.name(), "Logging without a target");
        }
        ConfigurationRules.checkLoggingTarget(bucket, target, state.buckets.get(target));
        String dateSource = enabled.object("TargetObjectKeyFormat").object("PartitionedPrefix")
                .string("PartitionDateSource");
        if (dateSource != null && !dateSource.equals("EventTime") && !dateSource.equals("DeliveryTime")) {
            throw new dev.gureum.s3.domain.BucketRefusal(dev.gureum.s3.domain.BucketRefusal.Reason.MALFORMED_CONFIGURATION,
                    bucket.name(), "Unknown PartitionDateSource");
        }
    }

    static void objectLock(Bucket bucket, Params config) {
        Params rule = config.object("Rule");
        Params retention = rule.object("DefaultRetention");
        ConfigurationRules.checkObjectLock(bucket, config.string("ObjectLockEnabled"), rule.isPresent(),
                retention.string("Mode"), retention.string("Days"), retention.string("Years"));
    }
}
