package dev.gureum.ec2.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void parsesAndNormalises() {
        Cidr c = Cidr.parse("10.0.1.7/24");
        assertThat(c.toString()).isEqualTo("10.0.1.0/24");
        assertThat(c.size()).isEqualTo(256);
        assertThat(c.usableAddresses()).isEqualTo(251);
        assertThat(Cidr.isCanonical("10.0.1.0/24")).isTrue();
        assertThat(Cidr.isCanonical("10.0.1.7/24")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").size()).isEqualTo(1L << 32);
    }

    @Test
    void containmentAndOverlap() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertThat(vpc.contains(Cidr.parse("10.0.200.0/24"))).isTrue();
        assertThat(vpc.contains(Cidr.parse("10.1.0.0/24"))).isFalse();
        assertThat(Cidr.parse("10.0.1.0/24").overlaps(Cidr.parse("10.0.1.128/25"))).isTrue();
        assertThat(Cidr.parse("10.0.1.0/25").overlaps(Cidr.parse("10.0.1.128/25"))).isFalse();
        assertThat(vpc.contains(Cidr.parseAddress("10.0.255.255"))).isTrue();
    }

    @Test
    void rejectsWhatIsNotACidr() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0/16", "10.0.0.256/16", "10.0.0.0/33", "a.b.c.d/8", "10.0.0.0/x"}) {
            assertThatThrownBy(() -> Cidr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
