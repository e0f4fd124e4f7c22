package dev.gureum.autoscaling.domain;

import java.util.List;

/** Auto Scaling's view of Elastic Load Balancing: target groups its groups register their instances with. */
public interface LoadBalancing {

    /** Whether the account has this target group (of instance targets) in the region. */
    boolean targetGroupExists(String account, String region, String targetGroupArn);

    void register(String account, String region, String targetGroupArn, List<String> instanceIds);

    /** Deregisters the instances that are registered. */
    void deregister(String account, String region, String targetGroupArn, List<String> instanceIds);

    /** An instance's health in the target group ({@code healthy}, {@code unhealthy}, {@code initial}...), or null. */
    String health(String targetGroupArn, String instanceId);

    /** No load balancing in this server: no target group exists. */
    LoadBalancing NONE = new LoadBalancing() {
        @Override
        public boolean targetGroupExists(String account, String region, String targetGroupArn) {
            return false;
        }

        @Override
        public void register(String account, String region, String targetGroupArn, List<String> instanceIds) {
        }

        @Override
        public void deregister(String account, String region, String targetGroupArn, List<String> instanceIds) {
        }

        @Override
        public String health(String targetGroupArn, String instanceId) {
            return null;
        }
    };
}
