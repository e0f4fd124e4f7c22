package dev.gureum.ec2;

import dev.gureum.core.EmulatorConfig;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.spi.CrossService;
import dev.gureum.ec2.domain.Ec2Settings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2ModuleTest {

    private static EmulatorContext context(Map<String, String> settings) {
        EmulatorConfig config = new EmulatorConfig("000000000000", "us-east-1", Path.of("."), false, Map.of(),
                Set.of("ec2"), settings);
        return new EmulatorContext(config, Clock.systemUTC(), new AccessKeys("000000000000", Map.of()), new CrossService());
    }

    @Test
    void settingsComeFromTheServerConfiguration() {
        Ec2Settings s = new Ec2Module().settingsOf(context(Map.of(Ec2Settings.BOOT_SECONDS, "2.5",
                Ec2Settings.HOSTS_PER_FAMILY, "3")));
        assertThat(s.bootTime()).isEqualTo(Duration.ofMillis(2500));
        assertThat(s.hostsPerFamily()).isEqualTo(3);
        assertThat(new Ec2Module().settingsOf(context(Map.of()))).isEqualTo(Ec2Settings.DEFAULTS);
        assertThat(Ec2Settings.DEFAULTS.bootTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(Ec2Settings.DEFAULTS.hostsPerFamily()).isEqualTo(8);
    }

    @Test
    void aModuleBuiltWithSettingsKeepsThem() {
        Ec2Settings own = Ec2Settings.DEFAULTS.withHostsPerFamily(1);
        assertThat(new Ec2Module(own).settingsOf(context(Map.of(Ec2Settings.HOSTS_PER_FAMILY, "5")))).isEqualTo(own);
    }
}
