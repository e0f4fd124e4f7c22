package dev.gureum.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Settings the services read: defaults for account and region, where data lives, and whether
 * signatures are checked.
 *
 * @param defaultAccount   the account of requests whose access key is not a 12-digit account id
 * @param defaultRegion    the region of requests that name none
 * @param dataDir          where files (S3 object bytes, Lambda code) go
 * @param verifySignatures whether SigV4 signatures are checked against {@code credentials}
 * @param credentials      access key id to secret access key, for signature checks
 * @param enabledServices  names of the services that answer; the others say they are disabled
 * @param settings         settings of individual services, by name ({@code ec2.boot-seconds}...)
 * @param allowedHosts     host names Gureum's own endpoints answer besides the built-in local ones
 *                         ({@code name} or {@code *.domain})
 * @param adminToken       bearer token that authorizes state-changing internal endpoints under strict
 *                         signatures, or {@code null}
 */
public record EmulatorConfig(String defaultAccount, String defaultRegion, Path dataDir, boolean verifySignatures,
                             Map<String, String> credentials, Set<String> enabledServices,
                             Map<String, String> settings, List<String> allowedHosts, String adminToken) {

    public static final String DEFAULT_ACCOUNT = "000000000000";
    public static final String DEFAULT_REGION = "us-east-1";
    /** The setting that {@code --enforce-iam} turns on. */
    public static final String ENFORCE_IAM = "iam.enforce";

    public EmulatorConfig {
        Objects.requireNonNull(defaultAccount, "defaultAccount");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(dataDir, "dataDir");
        credentials = Map.copyOf(credentials);
        enabledServices = Set.copyOf(enabledServices);
        settings = Map.copyOf(settings);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** A configuration without extra allowed hosts or admin token. */
    public EmulatorConfig(String defaultAccount, String defaultRegion, Path dataDir, boolean verifySignatures,
                          Map<String, String> credentials, Set<String> enabledServices,
                          Map<String, String> settings) {
        this(defaultAccount, defaultRegion, dataDir, verifySignatures, credentials, enabledServices, settings,
                List.of(), null);
    }

    /** A configuration without service settings. */
    public EmulatorConfig(String defaultAccount, String defaultRegion, Path dataDir, boolean verifySignatures,
                          Map<String, String> credentials, Set<String> enabledServices) {
        this(defaultAccount, defaultRegion, dataDir, verifySignatures, credentials, enabledServices, Map.of());
    }

    /** A service setting, or {@code null} when it is not set. */
    public String setting(String name) {
        return settings.get(name);
    }

    /**
     * Whether every request is authorized by IAM policies ({@code --enforce-iam}); with it, as with
     * {@link #verifySignatures()}, unsigned requests are anonymous.
     */
    public boolean enforceIam() {
        return Boolean.parseBoolean(settings.get(ENFORCE_IAM));
    }

    public boolean isEnabled(String service) {
        return enabledServices.contains(service);
    }

    /** Secrets (access keys' secrets, the admin token) stay out of logs. */
    @Override
    public String toString() {
        return "EmulatorConfig[defaultAccount=" + defaultAccount + ", defaultRegion=" + defaultRegion + ", dataDir="
                + dataDir + ", verifySignatures=" + verifySignatures + ", accessKeys=" + credentials.keySet()
                + ", enabledServices=" + enabledServices + ", settings=" + settings + ", allowedHosts=" + allowedHosts
                + ", adminToken=" + (adminToken == null ? "none" : "set") + "]";
    }
}
