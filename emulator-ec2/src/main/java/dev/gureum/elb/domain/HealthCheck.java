package dev.gureum.elb.domain;

/**
 * A target group's health check.
 *
 * @param port    {@code traffic-port} (the target's own) or a port number
 * @param matcher the HTTP codes a healthy answer has: {@code 200}, {@code 200,202}, {@code 200-299}
 */
public record HealthCheck(boolean enabled, String protocol, String port, String path, int intervalSeconds,
                          int timeoutSeconds, int healthyThreshold, int unhealthyThreshold, String matcher) {

    /** Whether an HTTP status code satisfies the matcher. */
    public boolean matches(int status) {
        for (String part : matcher.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            try {
                if (dash > 0) {
                    if (status >= Integer.parseInt(p.substring(0, dash)) && status <= Integer.parseInt(p.substring(dash + 1))) {
                        return true;
                    }
                } else if (status == Integer.parseInt(p)) {
                    return true;
                }
            } catch (NumberFormatException e) {
                // validated when set
            }
        }
        return false;
    }
}
