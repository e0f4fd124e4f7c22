package dev.gureum.s3.website;

import java.util.List;

/**
 * A bucket's website configuration as the website endpoint applies it.
 *
 * @param indexSuffix  the index document served for a "folder" ({@code index.html}), or {@code null}
 * @param errorKey     the object served with 403 and 404 answers, or {@code null}
 * @param redirectAll  where every request is redirected instead, or {@code null}
 * @param routingRules conditional redirects, in the order they are tried
 */
public record WebsiteConfiguration(String indexSuffix, String errorKey, RedirectAll redirectAll,
                                   List<RoutingRule> routingRules) {

    public WebsiteConfiguration {
        routingRules = List.copyOf(routingRules);
    }

    /** {@code RedirectAllRequestsTo}: a host name, and the protocol ({@code null}: the request's). */
    public record RedirectAll(String hostName, String protocol) {

        public String location(String requestProtocol, String path) {
            return (protocol == null ? requestProtocol : protocol) + "://" + hostName + path;
        }
    }

    /**
     * A routing rule: when the key starts with {@code keyPrefixEquals} and (if given) the answer would have
     * been {@code httpErrorCodeReturnedEquals}, redirect.
     */
    public record RoutingRule(String keyPrefixEquals, Integer httpErrorCodeReturnedEquals, String protocol,
                              String hostName, String replaceKeyPrefixWith, String replaceKeyWith,
                              Integer httpRedirectCode) {

        /** Whether the rule applies to a key before it is looked up (it names no error code). */
        public boolean matchesRequest(String key) {
            return httpErrorCodeReturnedEquals == null && keyPrefixEquals != null && key.startsWith(keyPrefixEquals)
                    || httpErrorCodeReturnedEquals == null && keyPrefixEquals == null;
        }

        /** Whether the rule applies to a key whose answer is the error {@code status}. */
        public boolean matchesError(String key, int status) {
            return httpErrorCodeReturnedEquals != null && httpErrorCodeReturnedEquals == status
                    && (keyPrefixEquals == null || key.startsWith(keyPrefixEquals));
        }

        /** The status of the redirect: 301 unless the rule says otherwise. */
        public int status() {
            return httpRedirectCode == null ? 301 : httpRedirectCode;
        }

        /** Where the redirect points, for a request of {@code key} that came for {@code requestHost}. */
        public String location(String key, String requestProtocol, String requestHost) {
            String newKey;
            if (replaceKeyWith != null) {
                newKey = replaceKeyWith;
            } else if (replaceKeyPrefixWith != null) {
                String prefix = keyPrefixEquals == null ? "" : keyPrefixEquals;
                newKey = replaceKeyPrefixWith + key.substring(Math.min(prefix.length(), key.length()));
            } else {
                newKey = key;
            }
            return (protocol == null ? requestProtocol : protocol) + "://"
                    + (hostName == null ? requestHost : hostName) + "/" + newKey;
        }
    }

    /** The first rule that applies before the key is looked up, or {@code null}. */
    public RoutingRule beforeLookup(String key) {
        for (RoutingRule rule : routingRules) {
            if (rule.matchesRequest(key)) {
                return rule;
            }
        }
        return null;
    }

    /** The first rule that applies to an error answer, or {@code null}. */
    public RoutingRule onError(String key, int status) {
        for (RoutingRule rule : routingRules) {
            if (rule.matchesError(key, status)) {
                return rule;
            }
        }
        return null;
    }
}
