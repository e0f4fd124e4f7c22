package dev.gureum.core.id;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @RepeatedTest(20)
    void ec2IdsArePrefixDashSeventeenLowerHexDigits() {
        assertThat(Ids.ec2("i")).matches("i-[0-9a-f]{17}");
        assertThat(Ids.ec2("vpc")).matches("vpc-[0-9a-f]{17}");
        assertThat(Ids.ec2("ami")).matches("ami-[0-9a-f]{17}");
    }

    @RepeatedTest(20)
    void accessKeyIdsAreTwentyCharactersWithThePrefix() {
        String key = Ids.accessKeyId("ASIA");

        assertThat(key).hasSize(20).matches("ASIA[A-Z0-9]{16}");
        assertThat(Ids.accessKeyId("AKIA")).matches("AKIA[A-Z0-9]{16}");
    }

    @RepeatedTest(20)
    void requestIdsAreVersion4Uuids() {
        String id = Ids.requestId();

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(4);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.toString()).isEqualTo(id);
    }

    @Test
    void uuidIsAUuid() {
        assertThat(UUID.fromString(Ids.uuid()).version()).isEqualTo(4);
    }

    @RepeatedTest(10)
    void s3RequestIdsAreSixteenUpperHexDigits() {
        assertThat(Ids.s3RequestId()).matches("[0-9A-F]{16}");
    }

    @Test
    void secretsAreBase62OfTheAskedLength() {
        assertThat(Ids.secret(40)).hasSize(40).matches("[A-Za-z0-9]{40}");
        assertThat(Ids.hex(5)).matches("[0-9a-f]{5}");
        assertThat(Ids.hex(0)).isEmpty();
    }

    @Test
    void tokensAreBase62OfTheAskedLengthWithEveryCharacterDrawn() {
        assertThat(Ids.token(0)).isEmpty();
        assertThat(Ids.token(1)).matches("[A-Za-z0-9]");
        assertThat(Ids.token(24)).matches("[A-Za-z0-9]{24}");
        int[] counts = new int[128];
        for (int i = 0; i < 2_000; i++) {
            for (char c : Ids.token(31).toCharArray()) {
                counts[c]++;
            }
        }
        // 62,000 characters: about 1,000 of each, none left out or favoured
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray()) {
            assertThat(counts[c]).as("count of %s", c).isBetween(800, 1_200);
        }
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            tokens.add(Ids.token(24));
        }
        assertThat(tokens).hasSize(5_000);
    }

    @Test
    void idsDoNotRepeat() {
        Set<String> requestIds = new HashSet<>();
        Set<String> instanceIds = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            requestIds.add(Ids.requestId());
            instanceIds.add(Ids.ec2("i"));
            keys.add(Ids.accessKeyId("ASIA"));
        }
        assertThat(requestIds).hasSize(5_000);
        assertThat(instanceIds).hasSize(5_000);
        assertThat(keys).hasSize(5_000);
    }
}
