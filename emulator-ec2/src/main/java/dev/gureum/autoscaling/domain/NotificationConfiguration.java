package dev.gureum.autoscaling.domain;

import java.util.List;

/** A group's SNS notifications: the topic and the event types it hears of. */
public record NotificationConfiguration(String account, String region, String groupName, String topicArn,
                                        List<String> types) implements AutoScalingStore.Extension {

    public NotificationConfiguration {
        types = List.copyOf(types);
    }

    @Override
    public String key() {
        return "notification|" + account + "|" + region + "|" + groupName + "|" + topicArn;
    }
}
