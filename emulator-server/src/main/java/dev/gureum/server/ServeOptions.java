package dev.gureum.server;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options of {@code gureum serve}; each has a {@code GUREUM_*} environment variable as its default. */
public final class ServeOptions {

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:GUREUM_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; env GUREUM_HOST).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:GUREUM_PORT:-4566}",
            description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}; env GUREUM_PORT).")
    int port;

    @Option(names = "--services", paramLabel = "LIST", split = ",", defaultValue = "${env:GUREUM_SERVICES:-all}",
            completionCandidates = ServiceNames.class,
            description = "Services to enable: all, or some of ${COMPLETION-CANDIDATES} (logs is CloudWatch Logs) "
                    + "(default: ${DEFAULT-VALUE}; env GUREUM_SERVICES).")
    List<String> services;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:GUREUM_DATA_DIR}",
            description = "Keep every service's state in DIR, across restarts and crashes; one Gureum at a time uses "
                    + "it (default: a temporary directory, deleted at exit, nothing kept; env GUREUM_DATA_DIR).")
    Path dataDir;

    @Option(names = "--persistence-sync", paramLabel = "MODE", defaultValue = "${env:GUREUM_PERSISTENCE_SYNC:-always}",
            description = "With --data-dir, when a change is answered: 'always' once it is forced to the disk, 'batch' "
                    + "the same after waiting 2 ms for other writes to share the force, 'off' once the operating system "
                    + "has it (forced every second: a power loss loses up to the last second of answered changes) "
                    + "(default: ${DEFAULT-VALUE}; env GUREUM_PERSISTENCE_SYNC).")
    String persistenceSync;

    @Option(names = "--load-state", paramLabel = "FILE", defaultValue = "${env:GUREUM_LOAD_STATE}",
            description = "Load a state file exported with GET /_gureum/state at start, replacing the state of the "
                    + "services it holds (env GUREUM_LOAD_STATE).")
    Path loadState;

    @Option(names = "--init-dir", paramLabel = "DIR", split = ",", defaultValue = "${env:GUREUM_INIT_DIR}",
            description = "Run the init scripts (.sh, .py) of DIR/boot.d before serving, DIR/start.d and DIR/ready.d "
                    + "once serving (before 'Ready.'), DIR/shutdown.d when stopping, with AWS_ENDPOINT_URL, the region "
                    + "and credentials set; GET /_gureum/init reports them (repeatable; env GUREUM_INIT_DIR).")
    List<String> initDirs;

    @Option(names = "--default-region", paramLabel = "REGION", defaultValue = "${env:GUREUM_DEFAULT_REGION:-us-east-1}",
            description = "Region of requests that name none (default: ${DEFAULT-VALUE}; env GUREUM_DEFAULT_REGION).")
    String defaultRegion;

    @Option(names = "--default-account", paramLabel = "ACCOUNT",
            defaultValue = "${env:GUREUM_DEFAULT_ACCOUNT:-000000000000}",
            description = "Account of requests whose access key is not a 12-digit account id (default: "
                    + "${DEFAULT-VALUE}; env GUREUM_DEFAULT_ACCOUNT).")
    String defaultAccount;

    @Option(names = "--verify-signatures", negatable = true,
            defaultValue = "${env:GUREUM_VERIFY_SIGNATURES:-false}", fallbackValue = "true",
            description = "Check signatures against the configured credentials; unsigned requests act as no account "
                    + "(default: ${DEFAULT-VALUE}; "
                    + "env GUREUM_VERIFY_SIGNATURES).")
    boolean verifySignatures;

    @Option(names = "--enforce-iam", negatable = true,
            defaultValue = "${env:GUREUM_ENFORCE_IAM:-false}", fallbackValue = "true",
            description = "Authorize every request with IAM policies as AWS does; unsigned requests are anonymous "
                    + "(default: ${DEFAULT-VALUE}; env GUREUM_ENFORCE_IAM).")
    boolean enforceIam;

    @Option(names = "--s3-legacy-defaults", negatable = true,
            defaultValue = "${env:GUREUM_S3_LEGACY_DEFAULTS:-false}", fallbackValue = "true",
            description = "New S3 buckets get the defaults of before April 2023: object ownership ObjectWriter "
                    + "(ACLs apply) and no default encryption (default: ${DEFAULT-VALUE}; env GUREUM_S3_LEGACY_DEFAULTS).")
    boolean s3LegacyDefaults;
    @Option(names = "--console", negatable = true, defaultValue = "${env:GUREUM_CONSOLE:-true}", fallbackValue = "true",
            description = "Serve the console, a live picture of the local cloud, at /_gureum/console "
                    + "(default: ${DEFAULT-VALUE}; env GUREUM_CONSOLE).")
    boolean console;

    @Option(names = "--credentials", paramLabel = "KEY:SECRET", split = ",",
            defaultValue = "${env:GUREUM_CREDENTIALS:-test:test}",
            description = "Access keys accepted when verifying signatures (default: ${DEFAULT-VALUE}; "
                    + "env GUREUM_CREDENTIALS).")
    List<String> credentials;

    @Option(names = "--allowed-hosts", paramLabel = "NAMES", split = ",", defaultValue = "${env:GUREUM_ALLOWED_HOSTS}",
            description = "More host names Gureum's own endpoints (/_gureum/, /_localstack/) answer to, besides localhost, "
                    + "*.localhost, loopback addresses, *.localhost.localstack.cloud and --host; '*.example.com' allows every "
                    + "name under it (repeatable; env GUREUM_ALLOWED_HOSTS).")
    List<String> allowedHosts;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:GUREUM_ADMIN_TOKEN}",
            description = "With --verify-signatures, lets state-changing internal endpoints (POST /_gureum/reset...) be "
                    + "called with 'Authorization: Bearer TOKEN' (default: none; env GUREUM_ADMIN_TOKEN).")
    String adminToken;

    @Option(names = "--ec2-boot-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:GUREUM_EC2_BOOT_SECONDS:-1}",
            description = "How long an EC2 instance stays pending (and stopping, shutting-down) (default: "
                    + "${DEFAULT-VALUE}; env GUREUM_EC2_BOOT_SECONDS).")
    double ec2BootSeconds;

    @Option(names = "--ec2-hosts-per-family", paramLabel = "COUNT",
            defaultValue = "${env:GUREUM_EC2_HOSTS_PER_FAMILY:-8}",
            description = "Physical hosts of each EC2 instance family in each availability zone (default: "
                    + "${DEFAULT-VALUE}; env GUREUM_EC2_HOSTS_PER_FAMILY).")
    int ec2HostsPerFamily;

    @Option(names = "--ec2-run-user-data", negatable = true,
            defaultValue = "${env:GUREUM_EC2_RUN_USER_DATA:-false}", fallbackValue = "true",
            description = "Run the user data of running EC2 instances that is a script (#!...) as a process on this "
                    + "machine, with PORT and AWS_EC2_METADATA_SERVICE_ENDPOINT set: the user's own scripts, with this "
                    + "server's rights (default: ${DEFAULT-VALUE}; env GUREUM_EC2_RUN_USER_DATA).")
    boolean ec2RunUserData;

    @Option(names = "--sqs-endpoint-strategy", paramLabel = "STRATEGY",
            defaultValue = "${env:GUREUM_SQS_ENDPOINT_STRATEGY:-path}",
            description = "Queue URLs: 'path' uses the host and port the client called (http://localhost:4566/"
                    + "<account>/<queue>), 'domain' LocalStack's http://sqs.<region>.localhost.localstack.cloud:<port>/"
                    + "<account>/<queue> (default: ${DEFAULT-VALUE}; env GUREUM_SQS_ENDPOINT_STRATEGY).")
    String sqsEndpointStrategy;

    @Option(names = "--lambda-runtime", paramLabel = "RUNTIME=PATH", split = ",",
            defaultValue = "${env:GUREUM_LAMBDA_RUNTIMES}",
            description = "Interpreter for a Lambda runtime or runtime family, e.g. python3.12=/usr/bin/python3.12 or "
                    + "nodejs=/opt/node/bin/node (repeatable; default: python3.x, then python3, node and this JVM's java "
                    + "from the PATH; env GUREUM_LAMBDA_RUNTIMES).")
    List<String> lambdaRuntimes;

    @Option(names = "--lambda-keep-alive", paramLabel = "SECONDS",
            defaultValue = "${env:GUREUM_LAMBDA_KEEP_ALIVE:-600}",
            description = "How long an idle Lambda execution environment stays warm (default: ${DEFAULT-VALUE}; "
                    + "env GUREUM_LAMBDA_KEEP_ALIVE).")
    double lambdaKeepAlive;

    @Option(names = "--lambda-pid-namespaces", negatable = true,
            defaultValue = "${env:GUREUM_LAMBDA_PID_NAMESPACES:-true}", fallbackValue = "true",
            description = "Run each Lambda execution environment in a PID namespace of its own where unshare permits "
                    + "it (default: ${DEFAULT-VALUE}; env GUREUM_LAMBDA_PID_NAMESPACES).")
    boolean lambdaPidNamespaces;

    @Option(names = "--lambda-enforce-memory", negatable = true,
            defaultValue = "${env:GUREUM_LAMBDA_ENFORCE_MEMORY:-true}", fallbackValue = "true",
            description = "Kill a Lambda execution environment whose processes use more memory than the function's "
                    + "MemorySize (default: ${DEFAULT-VALUE}; env GUREUM_LAMBDA_ENFORCE_MEMORY).")
    boolean lambdaEnforceMemory;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:GUREUM_REQUEST_TIMEOUT:-20}",
            description = "A request body that sends nothing for this long is given up: S3 answers RequestTimeout, "
                    + "other services close the connection; so is a download whose client takes nothing for this long "
                    + "(default: ${DEFAULT-VALUE}; env GUREUM_REQUEST_TIMEOUT).")
    double requestTimeout;

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:GUREUM_HEADER_TIMEOUT:-60}",
            description = "A request whose line and headers take longer than this to arrive is dropped, and so is a "
                    + "kept-alive connection idle this long (default: ${DEFAULT-VALUE}; env GUREUM_HEADER_TIMEOUT).")
    double headerTimeout;

    @Option(names = "--max-connections", paramLabel = "COUNT", defaultValue = "${env:GUREUM_MAX_CONNECTIONS}",
            description = "Connections served at once; more wait to be accepted (default: 4096, or fewer when the "
                    + "open-file limit is low; env GUREUM_MAX_CONNECTIONS).")
    Integer maxConnections;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:GUREUM_LOG_LEVEL:-info}",
            description = "error, warn, info, debug or trace; debug logs every request (default: ${DEFAULT-VALUE}; "
                    + "env GUREUM_LOG_LEVEL).")
    String logLevel;

    /** The built-in services' names, for {@code --help}. */
    static final class ServiceNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ServiceModules.names().iterator();
        }
    }
}
