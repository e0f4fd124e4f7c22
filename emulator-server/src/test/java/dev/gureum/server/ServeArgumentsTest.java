package dev.gureum.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The quick reading of a plain {@code serve} gives what picocli gives, or leaves the arguments to picocli. */
class ServeArgumentsTest {

    /** Every option's field, as picocli reads these arguments (with the same environment). */
    private static Map<String, Object> picocli(String... args) throws Exception {
        GureumCommand command = new GureumCommand();
        CommandLine cli = new CommandLine(command);
        cli.addSubcommand("serve", new GureumCommand.Serve());
        CommandLine.ParseResult result = cli.parseArgs(args);
        ServeOptions options = result.hasSubcommand()
                ? ((GureumCommand.Serve) result.subcommand().commandSpec().userObject()).options
                : command.options;
        return fields(options);
    }

    private static Map<String, Object> fields(ServeOptions options) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : ServeOptions.class.getDeclaredFields()) {
            if (f.isAnnotationPresent(Option.class)) {
                values.put(f.getName(), f.get(options));
            }
        }
        return values;
    }

    static Stream<List<String>> plainServes() {
        return Stream.of(
                List.of(),
                List.of("serve"),
                List.of("--port", "0"),
                List.of("--port=4567", "--host", "0.0.0.0"),
                List.of("serve", "--services", "s3,sqs", "--data-dir", "some/dir"),
                List.of("--services", "sqs", "--services", "sns,lambda"),
                List.of("--default-region", "eu-west-1", "--default-account", "123456789012"),
                List.of("--verify-signatures", "--credentials", "AKID:secret,other:key"),
                List.of("--no-verify-signatures"),
                List.of("--no-lambda-pid-namespaces", "--lambda-enforce-memory"),
                List.of("--lambda-pid-namespaces", "--no-lambda-enforce-memory"),
                List.of("--ec2-boot-seconds", "2.5", "--ec2-hosts-per-family", "3"),
                List.of("--request-timeout", "7", "--header-timeout=0.5", "--max-connections", "300"),
                List.of("--allowed-hosts", "gureum,*.corp.example", "--admin-token", "t0ken"),
                List.of("--lambda-runtime", "python3.12=/usr/bin/python3", "--lambda-keep-alive", "0"),
                List.of("--sqs-endpoint-strategy", "domain", "--log-level", "debug"));
    }

    @ParameterizedTest
    @MethodSource("plainServes")
    void aPlainServeReadsAsPicocliReadsIt(List<String> args) throws Exception {
        String[] a = args.toArray(String[]::new);
        ServeOptions quick = ServeArguments.parse(a, System::getenv);
        assertThat(quick).as("read without picocli").isNotNull();
        assertThat(fields(quick)).isEqualTo(picocli(a));
    }

    static Stream<List<String>> leftToPicocli() {
        return Stream.of(
                List.of("--help"), List.of("-h"), List.of("--version"), List.of("-V"), List.of("help"),
                List.of("serve", "--help"), List.of("--no-such-option"), List.of("positional"),
                List.of("@arguments.txt"), List.of("--port"), List.of("--port", "eighty"), List.of("--port", "0x10"),
                List.of("--port", "010"), List.of("--port", "1", "--port", "2"), List.of("--port="),
                List.of("--ec2-boot-seconds", "-1"), List.of("--ec2-boot-seconds", "1e3"),
                List.of("--host", "--port"), List.of("--verify-signatures=true"),
                List.of("--verify-signatures", "--verify-signatures"), List.of("--", "--port", "1"),
                List.of("--services", "\"s3,sqs\""), List.of("--data-dir", "@dir"));
    }

    @ParameterizedTest
    @MethodSource("leftToPicocli")
    void anythingElseIsLeftToPicocli(List<String> args) {
        assertThat(ServeArguments.parse(args.toArray(String[]::new), System::getenv)).isNull();
    }

    @Test
    void defaultsComeFromTheEnvironment() {
        Map<String, String> env = Map.of("GUREUM_PORT", "4600", "GUREUM_SERVICES", "s3,sqs",
                "GUREUM_VERIFY_SIGNATURES", "true", "GUREUM_DATA_DIR", "data");
        ServeOptions options = ServeArguments.parse(new String[0], env::get);
        assertThat(options.port).isEqualTo(4600);
        assertThat(options.services).containsExactly("s3", "sqs");
        assertThat(options.verifySignatures).isTrue();
        assertThat(options.dataDir).hasToString("data");
        assertThat(options.host).isEqualTo("127.0.0.1");
        assertThat(options.maxConnections).isNull();

        ServeOptions overridden = ServeArguments.parse(new String[] {"--port", "5000", "--services", "sns"}, env::get);
        assertThat(overridden.port).isEqualTo(5000);
        assertThat(overridden.services).containsExactly("sns");
    }

    @Test
    void anEnvironmentValueItCannotReadIsLeftToPicocli() {
        assertThat(ServeArguments.parse(new String[0], Map.of("GUREUM_PORT", "eighty")::get)).isNull();
        assertThat(ServeArguments.parse(new String[0], Map.of("GUREUM_HOST", "")::get)).isNull();
        assertThat(ServeArguments.parse(new String[0], Map.of("GUREUM_VERIFY_SIGNATURES", "TRUE")::get)).isNull();
    }
}
