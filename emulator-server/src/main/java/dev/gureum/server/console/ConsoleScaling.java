package dev.gureum.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.autoscaling.domain.Activity;
import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.AutoScalingStore;
import dev.gureum.autoscaling.domain.ScalingPolicy;
import dev.gureum.autoscaling.protocol.AutoScalingService;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.json.Json;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Auto Scaling groups as the scaling view shows them, read from Auto Scaling's store: their sizes, their
 * policies with the alarms made for them, and their newest activities with the alarm that caused each.
 */
final class ConsoleScaling {

    /** How many of a group's activities are shown. */
    static final int MAX_ACTIVITIES = 10;

    /** The alarm an activity's cause names, as Auto Scaling writes it ("a monitor alarm X in state ALARM"). */
    private static final Pattern ALARM = Pattern.compile("a monitor alarm (.+?) in state ALARM");

    private final ServiceRegistry services;

    ConsoleScaling(ServiceRegistry services) {
        this.services = services;
    }

    /** {@code {"groups": [...]}}: every account's groups, by account, region and name. */
    ObjectNode groups() {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode groups = body.putArray("groups");
        if (!(services.peek("autoscaling") instanceof AutoScalingService autoscaling)) {
            return body;
        }
        AutoScalingStore store = autoscaling.domain().store();
        List<ScalingPolicy> policies = store.extensions(ScalingPolicy.class);
        List<AutoScalingGroup> all = store.allGroups().stream().sorted(Comparator.comparing(AutoScalingGroup::account)
                .thenComparing(AutoScalingGroup::region).thenComparing(AutoScalingGroup::name)).toList();
        for (AutoScalingGroup g : all) {
            ObjectNode node = groups.addObject().put("name", g.name()).put("arn", g.arn())
                    .put("accountId", g.account()).put("region", g.region())
                    .put("minSize", g.minSize()).put("maxSize", g.maxSize())
                    .put("desiredCapacity", g.desiredCapacity()).put("instances", store.instances(g).size())
                    .put("status", g.status());
            ArrayNode policyNodes = node.putArray("policies");
            for (ScalingPolicy p : policies) {
                if (p.account().equals(g.account()) && p.region().equals(g.region()) && p.groupName().equals(g.name())) {
                    ArrayNode alarms = policyNodes.addObject().put("name", p.name()).put("type", p.type())
                            .putArray("alarms");
                    p.alarms().forEach(a -> alarms.add(a.name()));
                }
            }
            ArrayNode activities = node.putArray("activities");
            store.activities(g.account(), g.region()).stream().filter(a -> a.groupName().equals(g.name()))
                    .limit(MAX_ACTIVITIES).forEach(a -> activity(activities.addObject(), a));
        }
        return body;
    }

    private static void activity(ObjectNode node, Activity a) {
        node.put("id", a.id()).put("description", a.description()).put("cause", a.cause())
                .put("startTime", a.startTime().toString()).put("statusCode", a.statusCode());
        Matcher alarm = a.cause() == null ? null : ALARM.matcher(a.cause());
        if (alarm != null && alarm.find()) {
            node.put("alarm", alarm.group(1));
        }
    }
}
