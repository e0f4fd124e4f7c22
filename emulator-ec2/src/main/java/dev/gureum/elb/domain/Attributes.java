package dev.gureum.elb.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The attributes of load balancers and target groups: AWS's defaults per type, and the values each takes. */
public final class Attributes {

    private Attributes() {
    }

    public static Map<String, String> loadBalancerDefaults(String type) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("access_logs.s3.enabled", "false");
        a.put("access_logs.s3.bucket", "");
        a.put("access_logs.s3.prefix", "");
        a.put("deletion_protection.enabled", "false");
        a.put("zonal_shift.config.enabled", "false");
        if ("application".equals(type)) {
            a.put("connection_logs.s3.enabled", "false");
            a.put("connection_logs.s3.bucket", "");
            a.put("connection_logs.s3.prefix", "");
            a.put("idle_timeout.timeout_seconds", "60");
            a.put("client_keep_alive.seconds", "3600");
            a.put("routing.http.desync_mitigation_mode", "defensive");
            a.put("routing.http.drop_invalid_header_fields.enabled", "false");
            a.put("routing.http.preserve_host_header.enabled", "false");
            a.put("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", "false");
            a.put("routing.http.xff_client_port.enabled", "false");
            a.put("routing.http.xff_header_processing.mode", "append");
            a.put("routing.http2.enabled", "true");
            a.put("waf.fail_open.enabled", "false");
        } else {
            a.put("load_balancing.cross_zone.enabled", "false");
            a.put("dns_record.client_routing_policy", "any_availability_zone");
        }
        return a;
    }

    public static Map<String, String> targetGroupDefaults(String targetType, String protocol) {
        Map<String, String> a = new LinkedHashMap<>();
        if ("lambda".equals(targetType)) {
            a.put("lambda.multi_value_headers.enabled", "false");
            return a;
        }
        a.put("deregistration_delay.timeout_seconds", "300");
        a.put("stickiness.enabled", "false");
        a.put("load_balancing.cross_zone.enabled", "use_load_balancer_configuration");
        a.put("target_group_health.dns_failover.minimum_healthy_targets.count", "1");
        a.put("target_group_health.dns_failover.minimum_healthy_targets.percentage", "off");
        a.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.count", "1");
        a.put("target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage", "off");
        if (isLayer7(protocol)) {
            a.put("stickiness.type", "lb_cookie");
            a.put("stickiness.lb_cookie.duration_seconds", "86400");
            a.put("stickiness.app_cookie.cookie_name", "");
            a.put("stickiness.app_cookie.duration_seconds", "86400");
            a.put("slow_start.duration_seconds", "0");
            a.put("load_balancing.algorithm.type", "round_robin");
            a.put("load_balancing.algorithm.anomaly_mitigation", "off");
        } else {
            a.put("stickiness.type", "source_ip");
            a.put("deregistration_delay.connection_termination.enabled", "false");
            a.put("preserve_client_ip.enabled", "instance".equals(targetType) ? "true" : "false");
            a.put("proxy_protocol_v2.enabled", "false");
        }
        return a;
    }

    static boolean isLayer7(String protocol) {
        return protocol == null || protocol.startsWith("HTTP");
    }

    private static final Set<String> BOOLEAN_SUFFIXES = Set.of(".enabled");

    /**
     * The attributes with the changes, each checked against the keys the resource has and the values its key
     * takes.
     *
     * @param what {@code Load balancer} or {@code Target group}, for messages
     */
    public static Map<String, String> modify(Map<String, String> current, Map<String, String> changes, String what) {
        Map<String, String> result = new LinkedHashMap<>(current);
        for (Map.Entry<String, String> e : changes.entrySet()) {
            String key = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (!current.containsKey(key)) {
                throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, what + " attribute key '" + key + "' is not recognized");
            }
            check(key, value, what);
            result.put(key, value);
        }
        return result;
    }

    private static void check(String key, String value, String what) {
        String problem = null;
        if (BOOLEAN_SUFFIXES.stream().anyMatch(key::endsWith) && !key.equals("load_balancing.cross_zone.enabled")) {
            problem = value.equals("true") || value.equals("false") ? null : "must be 'true' or 'false'";
        } else if (key.equals("load_balancing.cross_zone.enabled")) {
            problem = Set.of("true", "false", "use_load_balancer_configuration").contains(value) ? null
                    : "must be 'true', 'false' or 'use_load_balancer_configuration'";
        } else if (key.equals("idle_timeout.timeout_seconds")) {
            problem = range(value, 1, 4000);
        } else if (key.equals("client_keep_alive.seconds")) {
            problem = range(value, 60, 604800);
        } else if (key.equals("deregistration_delay.timeout_seconds")) {
            problem = range(value, 0, 3600);
        } else if (key.equals("slow_start.duration_seconds")) {
            problem = "0".equals(value) ? null : range(value, 30, 900);
        } else if (key.endsWith("duration_seconds")) {
            problem = range(value, 1, 604800);
        } else if (key.equals("load_balancing.algorithm.type")) {
            problem = Set.of("round_robin", "least_outstanding_requests", "weighted_random").contains(value) ? null
                    : "must be one of 'round_robin', 'least_outstanding_requests', 'weighted_random'";
        } else if (key.equals("stickiness.type")) {
            problem = Set.of("lb_cookie", "app_cookie", "source_ip").contains(value) ? null
                    : "must be 'lb_cookie', 'app_cookie' or 'source_ip'";
        } else if (key.equals("routing.http.desync_mitigation_mode")) {
            problem = Set.of("monitor", "defensive", "strictest").contains(value) ? null
                    : "must be 'monitor', 'defensive' or 'strictest'";
        } else if (key.equals("routing.http.xff_header_processing.mode")) {
            problem = Set.of("append", "preserve", "remove").contains(value) ? null
                    : "must be 'append', 'preserve' or 'remove'";
        }
        if (problem != null) {
            throw new ElbRefusal(ElbRefusal.Reason.VALIDATION, what + " attribute '" + key + "' " + problem
                    + ", but was '" + value + "'");
        }
    }

    private static String range(String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            return v >= min && v <= max ? null : "must be between " + min + " and " + max;
        } catch (NumberFormatException e) {
            return "must be an integer between " + min + " and " + max;
        }
    }
}
